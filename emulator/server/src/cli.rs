//! The command line, parsed by clap: the flags, the help text (with the sections on the API,
//! proxy mode, faults, control endpoints and limits) and the checks that tie flags together.
//! Values that may hold a secret (`--upstream`, `--api-key`) are checked after parsing, so that
//! no error message quotes them.

use crate::proxy::UpstreamBase;
use clap::error::ErrorKind;
use clap::parser::ValueSource;
use clap::{ArgAction, CommandFactory, FromArgMatches, Parser};
use skimmer_emulator_core::faults::RandomKind;
use skimmer_emulator_core::options::{Options, RandomFaultOptions, DEFAULT_API_KEY};
use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

/// How long proxy mode waits for the upstream by default, in seconds.
pub const DEFAULT_UPSTREAM_TIMEOUT_SECS: u64 = 30;

/// The default port.
pub const DEFAULT_PORT: u16 = 8787;

/// The help's sections after the flags (see [`after_help`] for the whole of it, limits
/// included).
pub const SECTIONS: &str = "\
Serves on http://127.0.0.1:PORT only and prints one line to stdout when ready:
    skimmer-emulator listening on http://127.0.0.1:PORT
Stops cleanly (exit code 0) on SIGINT or SIGTERM.

API (the package contract, docs/contract.md §2), every request with header `skimmer-api-key: KEY`:
    GET    /CustomerActivityLogs/{customerId}        list, 200
    POST   /CustomerActivityLogs/{customerId}        create, 201
    GET    /CustomerActivityLogs/{customerId}/{id}   get, 200
    PUT    /CustomerActivityLogs/{customerId}/{id}   update, 200
    DELETE /CustomerActivityLogs/{customerId}/{id}   delete, 204

PROXY MODE (--upstream), to keep the key off a browser page:
    SKIMMER_API_KEY=... skimmer-emulator --upstream https://publicapi.getskimmer.com \\
        --serve dist/
    The page calls this server with no key; each API request goes to the same route
    upstream with `skimmer-api-key` set from SKIMMER_API_KEY (required: no start without
    it). A key the page sends is dropped. The upstream's status, body and RateLimit-*,
    Retry-After and Location headers come back as they are (a Content-Type other than
    JSON or plain text becomes text/plain); the local store, key check and rate limit are
    not used. An unreachable upstream is a 502, a silent one a 504 (problem details).
    No control endpoints (404) and no fault injection: the x-emulator-fault header is
    ignored, and --fault-* flags with --upstream are a start-up error. Every request must
    come with a loopback Host, and with a loopback Origin or one given by --allow-origin;
    an API request a browser marks cross-site (Sec-Fetch-Site) without one is refused.
    Anyone who can reach the proxy can use the key: it is a development and reference
    server.

FAULT INJECTION (tests only), request header `x-emulator-fault`, `;`-separated:
    status=CODE  retry-after=VALUE  delay-ms=N  drop  body=PRESET  content-type=VALUE
    presets: invalid-json html empty truncated huge wrong-types deep missing-id not-array
    e.g. `x-emulator-fault: status=503;retry-after=2`, `x-emulator-fault: drop`

CONTROL ENDPOINTS (tests only; no key, no rate limit, not logged; not in proxy mode).
Loopback Host, and a loopback Origin or one given by --allow-origin; every request but
GET needs `Content-Type: application/json` (even with no body):
    GET    /__emulator/health                          200 when ready
    GET    /__emulator/requests                        the request log (JSON)
    DELETE /__emulator/requests                        clear the request log
    POST   /__emulator/reset                           back to the seeded state
    PUT    /__emulator/customers/{customerId}          create an empty customer
    POST   /__emulator/customers/{customerId}/bulk?count=N   append N activities
    GET    /__emulator/faults                          the scripted faults still queued
    POST   /__emulator/faults                          queue a scripted fault (JSON)
    DELETE /__emulator/faults                          clear the scripted faults
";

/// [`SECTIONS`] and the limits, from [`crate::limits`].
pub fn after_help() -> String {
    use crate::limits::*;
    let mib = |bytes: usize| bytes >> 20;
    let kib = |bytes: usize| bytes >> 10;
    let secs = |d: Duration| d.as_secs();
    format!(
        "{SECTIONS}
LIMITS (what any client can make it hold; each, when hit, is a problem answer or a
closed connection):
    connections at once          {MAX_CONNECTIONS} (one more: 503, closed)
    request line and headers     {head} KiB (431), read within {head_t} s (also the
                                 keep-alive idle time)
    request body                 {body} KiB (413), read within {body_t} s (408)
    an answer left unread        {stall} s, then the connection is closed
    store                        {store} MiB of activities' JSON and bookkeeping (507);
                                 a customer of 100,000 activities fits
    bulk                         {MAX_BULK} activities per request
    request log                  {LOG_MAX_ENTRIES} entries and {log} MiB (the oldest go
                                 first); each path, id or header cut to {text} bytes
    rate limiter                 {RATE_MAX_KEYS} keys (then new keys share one window);
                                 keys over {MAX_KEY_BYTES} bytes: 401, one shared window
    scripted faults              {MAX_SCRIPTED_FAULTS} queued (507)
",
        head = kib(MAX_HEAD_BYTES),
        head_t = secs(HEAD_READ_TIMEOUT),
        body = kib(MAX_BODY_BYTES),
        body_t = secs(BODY_READ_TIMEOUT),
        stall = secs(WRITE_STALL_TIMEOUT),
        store = mib(MAX_STORE_BYTES),
        log = mib(LOG_MAX_BYTES),
        text = LOG_MAX_TEXT_BYTES,
    )
}

/// A list of fault kinds, as `--fault-kinds` takes it (`429,503,drop,delay`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultKinds(pub Vec<RandomKind>);

fn fault_kinds(list: &str) -> Result<FaultKinds, String> {
    RandomKind::parse_list(list).map(FaultKinds)
}

fn fault_rate(value: &str) -> Result<f64, String> {
    let rate: f64 = value.parse().map_err(|_| "not a number".to_owned())?;
    if !(0.0..=1.0).contains(&rate) {
        return Err("must be between 0 and 1".into());
    }
    Ok(rate)
}

fn allowed_origin(value: &str) -> Result<String, String> {
    skimmer_emulator_core::origins::parse_allowed(value)
}

/// skimmer-emulator: a local emulator of Skimmer's Customer Activity Logs API
#[derive(Clone, Debug, Parser)]
#[command(name = "skimmer-emulator", version, disable_help_subcommand = true)]
struct Args {
    /// Port to listen on; 0 picks a free port
    #[arg(long, value_name = "N", default_value_t = DEFAULT_PORT)]
    port: u16,
    /// The API key clients must send in `skimmer-api-key`
    #[arg(long, value_name = "KEY", default_value = DEFAULT_API_KEY, hide_default_value = false)]
    api_key: String,
    /// Requests allowed per window, per API key
    #[arg(long, value_name = "N", default_value_t = 500,
          value_parser = clap::value_parser!(u32).range(1..))]
    rate_limit: u32,
    /// Length of the rate-limit window in seconds
    #[arg(long, value_name = "S", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    rate_window_secs: u64,
    /// Start with no customers (instead of cust-1001, cust-1002, cust-1003)
    #[arg(long)]
    no_seed: bool,
    /// Serve static files from DIR at / (e.g. the demo page)
    #[arg(long, value_name = "DIR")]
    serve: Option<PathBuf>,
    /// Serve static files from DIR at /pkg/ (the built npm package)
    #[arg(long, value_name = "DIR")]
    serve_pkg: Option<PathBuf>,
    /// Fault each API request with probability F, 0 to 1
    #[arg(long, value_name = "F", default_value_t = 0.0, value_parser = fault_rate,
          allow_negative_numbers = true)]
    fault_rate: f64,
    /// Kinds for --fault-rate, comma-separated from 429,503,drop,delay [default: all four]
    #[arg(long, value_name = "LIST", value_parser = fault_kinds)]
    fault_kinds: Option<FaultKinds>,
    /// Seed for --fault-rate, for repeatable runs [default: random]
    #[arg(long, value_name = "N")]
    fault_seed: Option<u64>,
    /// Proxy mode: forward the five API routes to URL (http or https, e.g.
    /// https://publicapi.getskimmer.com; a path prefix is kept), adding the key from the
    /// SKIMMER_API_KEY environment variable
    #[arg(long, value_name = "URL")]
    upstream: Option<String>,
    /// Proxy mode: answer 504 when the upstream is silent this long
    #[arg(long, value_name = "S", default_value_t = DEFAULT_UPSTREAM_TIMEOUT_SECS,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    upstream_timeout_secs: u64,
    /// Also let pages from ORIGIN (e.g. https://app.example) call the control endpoints,
    /// and in proxy mode the API; repeatable; `*` (proxy mode only) allows any origin
    /// [default: loopback origins]
    #[arg(long, value_name = "ORIGIN", value_parser = allowed_origin, action = ArgAction::Append)]
    allow_origin: Vec<String>,
    /// Do not log requests to stderr
    #[arg(long)]
    quiet: bool,
}

/// The server's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The port (0: any free port).
    pub port: u16,
    /// The emulator's options (emulator mode).
    pub options: Options,
    /// Whether the random faults' seed was given (else it is random).
    pub fault_seed_given: bool,
    /// Static files served at `/`.
    pub serve: Option<PathBuf>,
    /// Static files served at `/pkg/`.
    pub serve_pkg: Option<PathBuf>,
    /// Whether to keep stderr quiet.
    pub quiet: bool,
    /// Proxy mode: the upstream's base URL, checked and without a trailing slash.
    pub upstream: Option<String>,
    /// Proxy mode: how long to wait for the upstream's answer (and between its body's chunks).
    pub upstream_timeout: Duration,
    /// Origins allowed besides loopback ones (`*`: any, proxy mode only).
    pub allow_origins: Vec<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            port: DEFAULT_PORT,
            options: Options::default(),
            fault_seed_given: false,
            serve: None,
            serve_pkg: None,
            quiet: false,
            upstream: None,
            upstream_timeout: Duration::from_secs(DEFAULT_UPSTREAM_TIMEOUT_SECS),
            allow_origins: Vec::new(),
        }
    }
}

/// The command, with the help's sections.
fn command() -> clap::Command {
    Args::command().after_help(after_help())
}

/// Parses the arguments (the program name first, as `std::env::args_os` gives them). `Err` is
/// clap's error, whose `exit()` prints it (or the help, or the version) and exits with 2 (or
/// 0).
pub fn parse<I, T>(args: I) -> Result<Config, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let mut command = command();
    let matches = command.try_get_matches_from_mut(args)?;
    let args = Args::from_arg_matches(&matches).map_err(|e| e.format(&mut command))?;
    let invalid = |message: String| command.clone().error(ErrorKind::ValueValidation, message);
    let upstream = match &args.upstream {
        None => None,
        // Checked here rather than by clap, whose message would quote the URL (and a
        // password in it).
        Some(url) => Some(
            UpstreamBase::parse(url)
                .map_err(|reason| invalid(format!("--upstream {reason}")))?
                .url()
                .to_owned(),
        ),
    };
    let given = |id: &str| matches.value_source(id) == Some(ValueSource::CommandLine);
    if upstream.is_some() {
        let flags = [
            ("fault_rate", "--fault-rate"),
            ("fault_kinds", "--fault-kinds"),
            ("fault_seed", "--fault-seed"),
        ];
        if let Some((_, flag)) = flags.into_iter().find(|(id, _)| given(id)) {
            return Err(command.error(
                ErrorKind::ArgumentConflict,
                format!("{flag} cannot be used with --upstream: proxy mode has no fault injection"),
            ));
        }
    }
    if upstream.is_none() && args.allow_origin.iter().any(|o| o == "*") {
        return Err(command.error(
            ErrorKind::ArgumentConflict,
            "--allow-origin * is for proxy mode; the emulator's control endpoints take named \
             origins only",
        ));
    }
    let options = Options {
        api_key: args.api_key,
        seed_customers: !args.no_seed,
        rate_limit: args.rate_limit,
        rate_window_ms: args.rate_window_secs * 1000,
        random_faults: RandomFaultOptions {
            rate: args.fault_rate,
            kinds: args
                .fault_kinds
                .map_or_else(|| RandomKind::ALL.to_vec(), |k| k.0),
            seed: args.fault_seed.unwrap_or(0),
        },
        random_seed: 0,
        allow_origins: args
            .allow_origin
            .iter()
            .filter(|o| *o != "*")
            .cloned()
            .collect(),
        loopback_host_only: true,
        control_endpoints: true,
        limits: Default::default(),
    };
    // The emulator's own checks, the API key's by the project's one rule among them.
    options.check().map_err(|e| {
        let flag = match e.option {
            "api_key" => "--api-key",
            other => other,
        };
        invalid(format!("{flag} {}", e.reason))
    })?;
    Ok(Config {
        port: args.port,
        options,
        fault_seed_given: args.fault_seed.is_some(),
        serve: args.serve,
        serve_pkg: args.serve_pkg,
        quiet: args.quiet,
        upstream,
        upstream_timeout: Duration::from_secs(args.upstream_timeout_secs),
        allow_origins: args.allow_origin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Config, clap::Error> {
        parse(std::iter::once("skimmer-emulator").chain(args.iter().copied()))
    }

    #[test]
    fn defaults_match_the_documentation() {
        let config = run(&[]).unwrap();
        assert_eq!(config, Config::default());
        assert_eq!(config.port, 8787);
        assert_eq!(config.options.api_key, "demo-key");
        assert_eq!(config.options.rate_limit, 500);
        assert_eq!(config.options.rate_window_ms, 60_000);
        assert!(config.options.seed_customers && !config.quiet);
        assert_eq!(config.options.random_faults.rate, 0.0);
        assert_eq!(config.options.random_faults.kinds.len(), 4);
        assert_eq!(config.upstream, None);
        assert_eq!(config.upstream_timeout, Duration::from_secs(30));
        assert!(config.allow_origins.is_empty() && !config.fault_seed_given);
    }

    #[test]
    fn every_flag_parses_in_both_forms() {
        let config = run(&[
            "--port",
            "0",
            "--api-key=k1",
            "--rate-limit",
            "3",
            "--rate-window-secs=2",
            "--no-seed",
            "--serve",
            "www",
            "--serve-pkg=pkg",
            "--fault-rate",
            "0.5",
            "--fault-kinds",
            "503,drop",
            "--fault-seed=9",
            "--quiet",
            "--allow-origin",
            "https://app.example",
        ])
        .unwrap();
        assert_eq!(config.port, 0);
        assert_eq!(config.options.api_key, "k1");
        assert_eq!(config.options.rate_limit, 3);
        assert_eq!(config.options.rate_window_ms, 2000);
        assert!(!config.options.seed_customers && config.quiet);
        assert_eq!(config.serve, Some(PathBuf::from("www")));
        assert_eq!(config.serve_pkg, Some(PathBuf::from("pkg")));
        let faults = &config.options.random_faults;
        assert_eq!(faults.rate, 0.5);
        assert_eq!(faults.kinds, [RandomKind::Unavailable, RandomKind::Drop]);
        assert_eq!((faults.seed, config.fault_seed_given), (9, true));
        assert_eq!(config.allow_origins, ["https://app.example"]);
        assert_eq!(config.options.allow_origins, ["https://app.example"]);
        let proxy = run(&[
            "--upstream",
            "HTTP://127.0.0.1:9/api/",
            "--upstream-timeout-secs=5",
            "--allow-origin",
            "https://app.example",
            "--allow-origin=*",
        ])
        .unwrap();
        assert_eq!(proxy.upstream.as_deref(), Some("http://127.0.0.1:9/api"));
        assert_eq!(proxy.upstream_timeout, Duration::from_secs(5));
        assert_eq!(proxy.allow_origins, ["https://app.example", "*"]);
        for (args, kind) in [
            (&["--help"][..], ErrorKind::DisplayHelp),
            (&["-h"], ErrorKind::DisplayHelp),
            (&["-V"], ErrorKind::DisplayVersion),
            (&["--version"], ErrorKind::DisplayVersion),
        ] {
            assert_eq!(run(args).unwrap_err().kind(), kind, "{args:?}");
        }
    }

    #[test]
    fn the_help_states_every_flag_and_limit() {
        use crate::limits::*;
        let help = command().render_long_help().to_string();
        for figure in [
            MAX_CONNECTIONS.to_string(),
            format!("{} KiB", MAX_HEAD_BYTES >> 10),
            format!("{} KiB", MAX_BODY_BYTES >> 10),
            format!("{} s", HEAD_READ_TIMEOUT.as_secs()),
            format!("{} s", BODY_READ_TIMEOUT.as_secs()),
            format!("{} s", WRITE_STALL_TIMEOUT.as_secs()),
            format!("{} MiB", MAX_STORE_BYTES >> 20),
            format!("{} MiB", LOG_MAX_BYTES >> 20),
            MAX_BULK.to_string(),
            LOG_MAX_ENTRIES.to_string(),
            LOG_MAX_TEXT_BYTES.to_string(),
            RATE_MAX_KEYS.to_string(),
            MAX_KEY_BYTES.to_string(),
            MAX_SCRIPTED_FAULTS.to_string(),
        ] {
            assert!(help.contains(&figure), "--help states {figure}");
        }
        for flag in [
            "--port <N>",
            "--api-key <KEY>",
            "[default: demo-key]",
            "--upstream-timeout-secs <S>",
            "--allow-origin <ORIGIN>",
            "--quiet",
            "SKIMMER_API_KEY",
            "x-emulator-fault",
        ] {
            assert!(help.contains(flag), "--help states {flag}");
        }
    }

    #[test]
    fn bad_flags_are_refused_with_a_reason() {
        for bad in [
            &["--port"][..],
            &["--port", "70000"],
            &["--port", "x"],
            &["--api-key", ""],
            &["--api-key", "a b"],
            &["--api-key", "a\r\nb"],
            &["--rate-limit", "0"],
            &["--rate-window-secs", "0"],
            &["--fault-rate", "1.5"],
            &["--fault-rate", "-0.1"],
            &["--fault-kinds", "500"],
            &["--fault-seed", "-1"],
            &["--quiet=yes"],
            &["--upstream"],
            &["--upstream", "ftp://host"],
            &["--upstream", "publicapi.getskimmer.com"],
            &["--upstream", "https://user:pass@host"],
            &["--upstream", "https://host/?q=1"],
            &["--upstream-timeout-secs", "0"],
            &["--allow-origin", "https://app.example/path"],
            &["--allow-origin", "*"],
            &["--api-key", "k".repeat(257).as_str()],
            &["--upstream", "http://127.0.0.1:9", "--fault-rate", "0.5"],
            &["--fault-seed", "1", "--upstream", "http://127.0.0.1:9"],
            &["--upstream", "http://127.0.0.1:9", "--fault-kinds=drop"],
            &["--bogus"],
            &["serve"],
        ] {
            let error = run(bad).expect_err(&format!("{bad:?}"));
            assert_eq!(error.exit_code(), 2, "{bad:?}");
        }
        let secret = run(&["--upstream", "https://me:hunter2@host"]).unwrap_err();
        assert!(!secret.to_string().contains("hunter2"), "{secret}");
        let key = run(&["--api-key", "leaky key"]).unwrap_err();
        assert!(!key.to_string().contains("leaky"), "{key}");
    }
}
