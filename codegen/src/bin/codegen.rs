//! The `codegen` binary: a thin shell over [`hubspot_codegen::cli`], where the commands,
//! their options and the exit codes are defined.

// Generating allocates millions of small syntax-tree nodes on every core. With the
// system allocator on Linux, the threads' heaps grow a page range at a time (one
// `mprotect` call each, tens of thousands per run): a third of the run time of a big
// account went to the kernel. mimalloc has per-thread heaps that do not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    hubspot_codegen::cli::main()
}
