import react from '@vitejs/plugin-react';

// Nothing for the package: only React's plugin.
export default { plugins: [react()], logLevel: 'warn' };
