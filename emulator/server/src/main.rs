//! `skimmer-emulator`: see `--help`, or the crate documentation.

use skimmer_emulator::cli;
use skimmer_emulator::proxy;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Help and version go to stdout (exit 0), errors to stderr (exit 2).
    let config = cli::parse(std::env::args_os()).unwrap_or_else(|error| error.exit());
    for (flag, dir) in [
        ("--serve", &config.serve),
        ("--serve-pkg", &config.serve_pkg),
    ] {
        if let Some(dir) = dir {
            if !dir.is_dir() {
                eprintln!(
                    "skimmer-emulator: {flag} {}: not a directory",
                    dir.display()
                );
                return ExitCode::from(2);
            }
        }
    }
    // Proxy mode: the key comes from the environment, never from the command line (where
    // other users of the machine could read it), and is checked before anything starts.
    let upstream_key = match &config.upstream {
        None => None,
        Some(_) => {
            let value = std::env::var_os(proxy::KEY_ENV);
            match proxy::UpstreamKey::from_env_value(value.as_deref()) {
                Ok(key) => Some(key),
                Err(message) => {
                    eprintln!("skimmer-emulator: {message}");
                    return ExitCode::from(2);
                }
            }
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("skimmer-emulator: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(skimmer_emulator::server::run(config, upstream_key)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("skimmer-emulator: {e}");
            ExitCode::FAILURE
        }
    }
}
