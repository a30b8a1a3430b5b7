use ccu_portal::diag::Diagnostic;
use ccu_portal::locator;
use ccu_portal::site::{self, BuildError};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Builds the Central Coordination Units portal in Azerbaijani, English and Russian.
#[derive(Parser)]
#[command(name = "ccu", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the catalog and guides, then build the site.
    Build {
        /// The site folder (holding catalog.yaml, content/ and themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; replaced whole. Default: ROOT/dist.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Treat missing translations as errors.
        #[arg(long)]
        strict: bool,
        /// Print only problems.
        #[arg(long, short)]
        quiet: bool,
        /// Also write NAME.gz and NAME.br beside every text file (for publishing).
        #[arg(long)]
        precompress: bool,
    },
    /// Build the site and serve it on this machine.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The address to listen on; loopback unless you choose otherwise.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Where the editor's Publish button builds the site (as `ccu build --out`).
        /// Default: ROOT/dist.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Search the portal as a citizen would, from the command line.
    Search {
        #[command(flatten)]
        site: QueryArgs,
        /// Print `[{"id","title","url","score"}]`.
        #[arg(long)]
        json: bool,
        /// With --json: print the whole answer, `{query, lang, matched_lang,
        /// matched_query, hits, did_you_mean}`, instead of the list of hits.
        #[arg(long, requires = "json")]
        full: bool,
        /// How many results to show.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// What to look for, in the citizen's own words.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
    },
    /// Find the unit that serves a city or district, typed in any language or spelling.
    Locate {
        #[command(flatten)]
        site: QueryArgs,
        /// Print `{district, unit, covered, distance_km, name, place, caution, also, choices}` or `null`.
        #[arg(long)]
        json: bool,
        /// Read one query a line from standard input; print one JSON answer a line.
        #[arg(long, conflicts_with = "query")]
        batch: bool,
        #[arg(required_unless_present = "batch", num_args = 1..)]
        query: Vec<String>,
    },
    /// Start something new for editors to fill in.
    New {
        #[command(subcommand)]
        what: New,
    },
    /// Check the catalog and guides without building.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Treat missing translations as errors.
        #[arg(long)]
        strict: bool,
        /// `human` for people, `json` for tools.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// List the English and Russian texts that are missing or may be stale (their
        /// Azerbaijani text changed after them, by git), per language, instead of the problems.
        #[arg(long)]
        translations: bool,
    },
}

/// Where and in which language `search` and `locate` answer.
#[derive(clap::Args)]
struct QueryArgs {
    /// The site folder (holding catalog.yaml, content/ and themes/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The language of the answer: az, en or ru.
    #[arg(long, default_value = "az")]
    lang: String,
}

#[derive(Subcommand)]
enum New {
    /// Write content/{az,en,ru}/SLUG.md with front matter to fill in.
    Guide {
        /// The guide's address: lowercase letters a-z, digits and `-`.
        slug: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn print_human(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    if errors > 0 || warnings > 0 {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
}

/// What `search` and `locate` start from: the language asked for and the checked site.
fn load_for_query(args: &QueryArgs) -> Result<(site::Loaded, ccu_portal::lang::Lang), ExitCode> {
    let Some(lang) = ccu_portal::lang::Lang::parse(&args.lang) else {
        eprintln!(
            "error: `{}` is not a language of the portal; use az, en or ru",
            args.lang
        );
        return Err(ExitCode::from(2));
    };
    let (loaded, diags) = site::check(&args.root, false);
    match loaded {
        Some(l) => Ok((l, lang)),
        None => {
            print_human(&diags);
            Err(ExitCode::from(1))
        }
    }
}

/// `ccu SUB` as the editor can type it: `ccu` where it was found on the PATH, the
/// `cargo run` form the README starts with where cargo built it, else the path it was run by
/// (with `--root` where one was given).
fn command_like_this(sub: &str, root: &std::path::Path) -> String {
    let argv0 = PathBuf::from(std::env::args_os().next().unwrap_or_default());
    let ccu = if argv0.components().count() == 1 {
        "ccu".to_string()
    } else if argv0.components().any(|c| c.as_os_str() == "target") {
        "cargo run --release --".to_string()
    } else {
        argv0.display().to_string()
    };
    if root == std::path::Path::new(".") {
        format!("{ccu} {sub}")
    } else {
        format!("{ccu} {sub} --root {}", root.display())
    }
}

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, which turns `ccu search … | head` into a panic once `head` has
    // read enough; a command-line tool should just stop, as grep and ripgrep do. `serve`
    // writes to sockets, where a closed peer is an error to handle, not a signal.
    #[cfg(unix)]
    if std::env::args().nth(1).is_none_or(|a| a != "serve") {
        // SAFETY: called first thing, before any thread starts; sets a process-wide default.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            out,
            strict,
            quiet,
            precompress,
        } => {
            let out = out.unwrap_or_else(|| root.join("dist"));
            let opts = site::Options {
                strict,
                precompress,
                progress: !quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()),
            };
            let result = site::build(&root, &out, opts);
            if opts.progress {
                eprint!("\r\x1b[K");
            }
            match result {
                Ok(report) => {
                    if !quiet {
                        print_human(&report.diagnostics);
                        println!(
                            "built {} pages ({}): {} files, {} KiB, in {} ms into {}",
                            report.pages,
                            report.contents,
                            report.files,
                            report.bytes / 1024,
                            report.millis,
                            report.out.display()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(BuildError::Content(diags)) => {
                    print_human(&diags);
                    eprintln!("the build stopped; {} was left as it was", out.display());
                    ExitCode::from(1)
                }
                Err(BuildError::Output(msg)) => {
                    eprintln!("error: {msg}");
                    eprintln!("the build stopped; {} was left as it was", out.display());
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve {
            root,
            port,
            bind,
            out,
        } => match ccu_portal::serve::run(root, &bind, port, out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Command::Search {
            site: args,
            json,
            full,
            limit,
            query,
        } => {
            let (loaded, lang) = match load_for_query(&args) {
                Ok(x) => x,
                Err(code) => return code,
            };
            let query = query.join(" ");
            let indexes = ccu_portal::search::Indexes::new(|l| site::search_index(&loaded, l));
            let found = match ccu_portal::search::answer(&query, lang, limit, &indexes) {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(1);
                }
            };
            let out = if !json {
                site::search_report(&loaded, &found)
            } else if full {
                serde_json::to_string(&found).unwrap_or_else(|_| "{}".into())
            } else {
                serde_json::to_string(&found.hits).unwrap_or_else(|_| "[]".into())
            };
            println!("{out}");
            ExitCode::SUCCESS
        }
        Command::Locate {
            site: args,
            json,
            batch,
            query,
        } => {
            let (loaded, lang) = match load_for_query(&args) {
                Ok(x) => x,
                Err(code) => return code,
            };
            let c = &loaded.catalog;
            let words = &loaded.theme.strings[&lang];
            let names = locator::names(c);
            if batch {
                for line in std::io::stdin().lines().map_while(Result::ok) {
                    let found = locator::locate(c, &names, &line, lang);
                    println!(
                        "{}",
                        serde_json::to_string(&found).unwrap_or_else(|_| "null".into())
                    );
                }
                return ExitCode::SUCCESS;
            }
            let query = query.join(" ");
            let found = locator::locate(c, &names, &query, lang);
            if json {
                println!(
                    "{}",
                    serde_json::to_string(&found).unwrap_or_else(|_| "null".into())
                );
            }
            match found {
                Some(l) => {
                    if !json {
                        println!("{}", locator::words::describe(c, &l, lang, words));
                    }
                    ExitCode::SUCCESS
                }
                None => {
                    let sugg: Vec<String> = locator::suggest(c, &names, &query, lang)
                        .into_iter()
                        .map(|a| a.name)
                        .collect();
                    eprintln!("{}", locator::words::describe_none(c, lang, words, &sugg));
                    ExitCode::from(1)
                }
            }
        }
        Command::New {
            what: New::Guide { slug, root },
        } => match ccu_portal::content::new_guide(&root, &slug) {
            Ok(files) => {
                for f in files {
                    println!("wrote {}", f.display());
                }
                println!(
                    "fill in title and description in each file, then run `{}`",
                    command_like_this("check", &root)
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Command::Check {
            root,
            format,
            translations: true,
            ..
        } => {
            if let Some(d) = ccu_portal::catalog::not_a_site(&root) {
                print_human(&[d]);
                return ExitCode::from(1);
            }
            let status = ccu_portal::edit::translations::status(&root);
            match format {
                Format::Human => print!("{}", ccu_portal::edit::translations::human(&status)),
                Format::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&status).unwrap_or_else(|_| "{}".into())
                ),
            }
            ExitCode::SUCCESS
        }
        Command::Check {
            root,
            strict,
            format,
            translations: false,
        } => {
            let (_, diags) = site::check_all(&root, strict);
            match format {
                Format::Human => {
                    print_human(&diags);
                    if diags.is_empty() {
                        println!("no problems found");
                    }
                }
                Format::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&diags).unwrap_or_else(|_| "[]".into())
                ),
            }
            if diags.iter().any(Diagnostic::is_error) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}
