//! The `codegen` binary: a thin shell over [`hubspot_codegen::cli`], where the commands,
//! their options and the exit codes are defined.

fn main() -> std::process::ExitCode {
    hubspot_codegen::cli::main()
}
