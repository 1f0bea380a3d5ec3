//! Command-line flags. Parsed by hand: a dozen flags do not need an argument-parsing crate.

use crate::faults::RandomKind;
use std::path::PathBuf;
use std::time::Duration;

/// How long proxy mode waits for the upstream by default, in seconds.
pub const DEFAULT_UPSTREAM_TIMEOUT_SECS: u64 = 30;

/// The default port.
pub const DEFAULT_PORT: u16 = 8787;
/// The default API key, documented for users of the emulator.
pub const DEFAULT_API_KEY: &str = "demo-key";
/// Skimmer's rate limit: requests per window per key.
pub const DEFAULT_RATE_LIMIT: u32 = 500;
/// Skimmer's rate-limit window, in seconds.
pub const DEFAULT_RATE_WINDOW_SECS: u64 = 60;

/// The help text (see [`help`] for the whole of it, limits included).
pub const HELP: &str = "\
skimmer-emulator: a local emulator of Skimmer's Customer Activity Logs API

USAGE:
    skimmer-emulator [OPTIONS]

Serves on http://127.0.0.1:PORT only and prints one line to stdout when ready:
    skimmer-emulator listening on http://127.0.0.1:PORT
Stops cleanly (exit code 0) on SIGINT or SIGTERM.

OPTIONS:
    --port N               Port to listen on; 0 picks a free port [default: 8787]
    --api-key KEY          The API key clients must send in `skimmer-api-key` [default: demo-key]
    --rate-limit N         Requests allowed per window, per API key [default: 500]
    --rate-window-secs S   Length of the rate-limit window in seconds [default: 60]
    --no-seed              Start with no customers (instead of cust-1001, cust-1002, cust-1003)
    --serve DIR            Serve static files from DIR at / (e.g. the demo page)
    --serve-pkg DIR        Serve static files from DIR at /pkg/ (the built npm package)
    --fault-rate F         Fault each API request with probability F, 0 to 1 [default: 0]
    --fault-kinds LIST     Kinds for --fault-rate, comma-separated from 429,503,drop,delay
                           [default: all four]
    --fault-seed N         Seed for --fault-rate, for repeatable runs [default: random]
    --upstream URL         Proxy mode: forward the five API routes to URL (http or https,
                           e.g. https://publicapi.getskimmer.com; a path prefix is kept),
                           adding the key from the SKIMMER_API_KEY environment variable
    --upstream-timeout-secs S
                           Proxy mode: answer 504 when the upstream is silent this long
                           [default: 30]
    --allow-origin ORIGIN  Also let pages from ORIGIN (e.g. https://app.example) call the
                           control endpoints, and in proxy mode the API; repeatable; `*`
                           (proxy mode only) allows any origin [default: loopback origins]
    --quiet                Do not log requests to stderr
    -h, --help             Print this help
    -V, --version          Print the version

API (SPEC section 2), every request with header `skimmer-api-key: KEY`:
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

/// The whole help text: [`HELP`] and the limits, from [`crate::limits`].
pub fn help() -> String {
    use crate::limits::*;
    let mib = |bytes: usize| bytes >> 20;
    let kib = |bytes: usize| bytes >> 10;
    let secs = |d: std::time::Duration| d.as_secs();
    format!(
        "{HELP}
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

/// The emulator's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The port (0: any free port).
    pub port: u16,
    /// The API key clients must send.
    pub api_key: String,
    /// Requests per window per key.
    pub rate_limit: u32,
    /// The rate-limit window.
    pub rate_window: Duration,
    /// Whether to start with the seeded customers.
    pub seed: bool,
    /// Static files served at `/`.
    pub serve: Option<PathBuf>,
    /// Static files served at `/pkg/`.
    pub serve_pkg: Option<PathBuf>,
    /// The probability of a random fault per API request.
    pub fault_rate: f64,
    /// The kinds of random fault.
    pub fault_kinds: Vec<RandomKind>,
    /// The seed of the random faults (`None`: from the clock).
    pub fault_seed: Option<u64>,
    /// Whether to keep stderr quiet.
    pub quiet: bool,
    /// Proxy mode: the upstream's base URL, checked and without a trailing slash.
    pub upstream: Option<String>,
    /// Proxy mode: how long to wait for the upstream's answer (and between its body's chunks).
    pub upstream_timeout: Duration,
    /// Proxy mode: origins allowed besides loopback ones (`*`: any).
    pub allow_origins: Vec<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            port: DEFAULT_PORT,
            api_key: DEFAULT_API_KEY.to_owned(),
            rate_limit: DEFAULT_RATE_LIMIT,
            rate_window: Duration::from_secs(DEFAULT_RATE_WINDOW_SECS),
            seed: true,
            serve: None,
            serve_pkg: None,
            fault_rate: 0.0,
            fault_kinds: RandomKind::ALL.to_vec(),
            fault_seed: None,
            quiet: false,
            upstream: None,
            upstream_timeout: Duration::from_secs(DEFAULT_UPSTREAM_TIMEOUT_SECS),
            allow_origins: Vec::new(),
        }
    }
}

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Run the emulator.
    Run(Box<Config>),
    /// Print the help.
    Help,
    /// Print the version.
    Version,
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{flag} needs a number, got {value:?}"))
}

/// Parses the arguments (without the program name). Flags take their value as the next
/// argument or after `=`.
pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Command, String> {
    let mut config = Config::default();
    let mut fault_flag: Option<String> = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let takes_value = matches!(
            flag.as_str(),
            "--port"
                | "--api-key"
                | "--rate-limit"
                | "--rate-window-secs"
                | "--serve"
                | "--serve-pkg"
                | "--fault-rate"
                | "--fault-kinds"
                | "--fault-seed"
                | "--upstream"
                | "--upstream-timeout-secs"
                | "--allow-origin"
        );
        let value = if takes_value {
            match inline {
                Some(v) => v,
                None => args.next().ok_or_else(|| format!("{flag} needs a value"))?,
            }
        } else {
            if inline.is_some() {
                return Err(format!("{flag} takes no value"));
            }
            String::new()
        };
        if flag.starts_with("--fault-") {
            fault_flag.get_or_insert_with(|| flag.clone());
        }
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            "--no-seed" => config.seed = false,
            "--quiet" => config.quiet = true,
            "--port" => config.port = number(&flag, &value)?,
            "--api-key" => {
                // The project's one API-key rule, as the client applies it.
                if skimmer_activity_logs::options::api_key_problem(&value).is_some() {
                    return Err(
                        "--api-key must be non-empty visible ASCII (it is sent in a header)".into(),
                    );
                }
                if value.len() > crate::limits::MAX_KEY_BYTES {
                    return Err(format!(
                        "--api-key may be at most {} bytes",
                        crate::limits::MAX_KEY_BYTES
                    ));
                }
                config.api_key = value;
            }
            "--rate-limit" => {
                config.rate_limit = number(&flag, &value)?;
                if config.rate_limit == 0 {
                    return Err("--rate-limit must be at least 1".into());
                }
            }
            "--rate-window-secs" => {
                let secs: u64 = number(&flag, &value)?;
                if !(1..=86_400).contains(&secs) {
                    return Err("--rate-window-secs must be between 1 and 86400".into());
                }
                config.rate_window = Duration::from_secs(secs);
            }
            "--serve" => config.serve = Some(PathBuf::from(value)),
            "--serve-pkg" => config.serve_pkg = Some(PathBuf::from(value)),
            "--fault-rate" => {
                let rate: f64 = number(&flag, &value)?;
                if !(0.0..=1.0).contains(&rate) {
                    return Err("--fault-rate must be between 0 and 1".into());
                }
                config.fault_rate = rate;
            }
            "--fault-kinds" => config.fault_kinds = RandomKind::parse_list(&value)?,
            "--fault-seed" => config.fault_seed = Some(number(&flag, &value)?),
            "--upstream" => {
                let base = crate::proxy::UpstreamBase::parse(&value)
                    .map_err(|reason| format!("--upstream {reason}"))?;
                config.upstream = Some(base.url().to_owned());
            }
            "--upstream-timeout-secs" => {
                let secs: u64 = number(&flag, &value)?;
                if !(1..=3600).contains(&secs) {
                    return Err("--upstream-timeout-secs must be between 1 and 3600".into());
                }
                config.upstream_timeout = Duration::from_secs(secs);
            }
            "--allow-origin" => {
                let origin = crate::origins::parse_allowed(&value)
                    .map_err(|reason| format!("--allow-origin {reason}"))?;
                config.allow_origins.push(origin);
            }
            _ => return Err(format!("unknown option {arg:?}")),
        }
    }
    if let (Some(flag), Some(_)) = (&fault_flag, &config.upstream) {
        return Err(format!(
            "{flag} cannot be used with --upstream: proxy mode has no fault injection"
        ));
    }
    if config.upstream.is_none() && config.allow_origins.iter().any(|o| o == "*") {
        return Err(
            "--allow-origin * is for proxy mode; the emulator's control endpoints take named origins only".into(),
        );
    }
    Ok(Command::Run(Box::new(config)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Config, String> {
        match parse(args.iter().map(|s| s.to_string()))? {
            Command::Run(config) => Ok(*config),
            other => Err(format!("{other:?}")),
        }
    }

    #[test]
    fn defaults_match_the_documentation() {
        let config = run(&[]).unwrap();
        assert_eq!(config, Config::default());
        assert_eq!(config.port, 8787);
        assert_eq!(config.api_key, "demo-key");
        assert_eq!(config.rate_limit, 500);
        assert_eq!(config.rate_window, Duration::from_secs(60));
        assert!(config.seed && !config.quiet);
        assert_eq!(config.fault_rate, 0.0);
        assert_eq!(config.fault_kinds.len(), 4);
        assert_eq!(config.upstream, None);
        assert_eq!(config.upstream_timeout, Duration::from_secs(30));
        assert!(config.allow_origins.is_empty());
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
        assert_eq!(config.api_key, "k1");
        assert_eq!(config.rate_limit, 3);
        assert_eq!(config.rate_window, Duration::from_secs(2));
        assert!(!config.seed && config.quiet);
        assert_eq!(config.serve, Some(PathBuf::from("www")));
        assert_eq!(config.serve_pkg, Some(PathBuf::from("pkg")));
        assert_eq!(config.fault_rate, 0.5);
        assert_eq!(
            config.fault_kinds,
            [RandomKind::Unavailable, RandomKind::Drop]
        );
        assert_eq!(config.fault_seed, Some(9));
        assert_eq!(config.allow_origins, ["https://app.example"]);
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
        assert_eq!(parse(["--help".to_string()]), Ok(Command::Help));
        assert_eq!(parse(["-V".to_string()]), Ok(Command::Version));
    }

    #[test]
    fn the_help_states_every_limit() {
        use crate::limits::*;
        let help = help();
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
            assert!(run(bad).is_err(), "{bad:?}");
        }
    }
}
