//! Embeds the default pattern packs (`data/packs/**/*.toml`) in the library, so the command
//! line and the wasm module carry the same data.

use std::fs;
use std::path::{Path, PathBuf};

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let data = root.join("data");
    println!("cargo:rerun-if-changed=data/packs");
    let mut files = Vec::new();
    toml_files(&data.join("packs"), &mut files);
    // Sorted only so the generated file is the same on every build: the engine orders
    // pack files itself when it loads them.
    files.sort();
    let mut code = String::from("/// The built-in pack files: (path under the project, text).\npub static BUILTIN_PACKS: &[(&str, &str)] = &[\n");
    for file in &files {
        let name = file.strip_prefix(&root).unwrap_or(file).to_string_lossy().replace('\\', "/");
        code.push_str(&format!("    ({name:?}, include_str!({:?})),\n", file.to_string_lossy()));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_packs.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
