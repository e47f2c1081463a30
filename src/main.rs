//! The `claimsift` binary: everything happens in the library's `cli` module.

fn main() {
    std::process::exit(claimsift::cli::main_with_args(std::env::args_os()));
}
