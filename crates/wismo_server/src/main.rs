use clap::Parser;
use std::process::ExitCode;

/// mimalloc: the server allocates and frees small buffers on every request from several
/// threads, where it costs less than the system allocator (bench/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = wismo_server::cli::Cli::parse();
    match wismo_server::cli::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
