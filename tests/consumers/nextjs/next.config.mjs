// No configuration for the package: it is imported like any other.
export default {};
