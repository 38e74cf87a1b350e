//! The no-op fast path: knowing, without generating, that a regenerate would change
//! nothing on disk.
//!
//! A full `codegen generate` parses the snapshot, builds the model, emits and formats
//! every object, and only then finds that every file already holds those bytes. This
//! module owns what lets such a run stop after hashing its inputs and its output:
//!
//! - [`Fingerprint`]: a hash of everything the output depends on: the snapshot's raw
//!   bytes, every [`GenerateOptions`] field, the output [`Mode`] (crate or single file)
//!   and the generator's identity ([`GENERATOR`]: the package version and a hash of this
//!   crate's own sources, computed by `build.rs`, so editing the generator never reuses
//!   output of the old one).
//! - [`Manifest`]: what a full run produced: the fingerprint, the object count the
//!   summary prints, and a content hash of every generated file. A crate keeps it in
//!   [`MANIFEST_FILE`], written by [`crate::write::write_crate_and_manifest`] in the same
//!   atomic write as the files it lists; a single file keeps it beside it
//!   ([`sidecar_path`]). Its text is deterministic (sorted, no times, no absolute
//!   paths), so a checked-in generated crate only changes when its inputs or the
//!   generator do.
//! - [`crate_is_current`] and [`file_is_current`]: whether what is on disk is exactly
//!   what a full run with a fingerprint would leave there, and if not, why
//!   ([`Reason`]).
//!
//! The manifest is a claim, "these inputs generate files with these hashes", and is
//! never trusted about the disk: every listed file is read and hashed on every run, and
//! a stale generated file that a full run would delete also means a full run. A missing,
//! unreadable or hand-edited manifest only costs one full run, which rewrites it.
//! Hashes are XXH3-128: fast (35 MB in a few milliseconds) and ample against accidents
//! (edits, deleted files, changed inputs); not a defence against someone who can write
//! the output directory anyway.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use hubspot_runtime::schema::ObjectSchema;
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use crate::generate::{GenerateOptions, GeneratedCrate, RuntimeDependency};
use crate::{Error, generated_files};

/// The manifest's file name in a generated crate's root directory.
pub const MANIFEST_FILE: &str = "hubspot-codegen.manifest";

/// What a single generated file's manifest is called: its own name plus this suffix
/// (`hubspot_objects.rs` → `hubspot_objects.rs.hubspot-codegen.manifest`).
pub const SIDECAR_SUFFIX: &str = ".hubspot-codegen.manifest";

/// The generator's identity in every fingerprint: the package version and the hash of
/// this crate's sources (and, in its workspace, of the runtime's and the lock file)
/// that `build.rs` computes.
pub const GENERATOR: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+",
    env!("HUBSPOT_CODEGEN_SOURCE_HASH")
);

/// The manifest format; a manifest of another format is ignored (one full run).
const FORMAT: &str = "hubspot-codegen manifest 1";

/// What is generated: the output shape is part of the fingerprint, so a crate's
/// manifest can never vouch for a single file or the other way round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A whole crate ([`crate::generate_crate`]), as `codegen generate` writes.
    Crate,
    /// One file with every module inline ([`crate::generate_single_file`]), as the
    /// [`crate::Builder`] writes.
    SingleFile,
}

/// A hash of everything a generation run's output depends on. Equal fingerprints mean
/// the same output bytes (generation is deterministic).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint(u128);

impl Fingerprint {
    /// The fingerprint of generating in `mode` from `snapshot` (the snapshot file's raw
    /// bytes, or for a live account the normalized snapshot text) with `options`, by
    /// this generator ([`GENERATOR`]).
    pub fn new(mode: Mode, snapshot: &[u8], options: &GenerateOptions) -> Self {
        Self::of_generator(GENERATOR, mode, snapshot, options)
    }

    /// [`Fingerprint::new`] of the snapshot file at `path`, read in chunks rather than
    /// whole: the fast path never needs the snapshot's bytes, only their hash. A run
    /// that goes on to generate must fingerprint the bytes it parses
    /// ([`Fingerprint::new`]), in case the file changes in between.
    pub fn of_snapshot_file(
        mode: Mode,
        path: &Path,
        options: &GenerateOptions,
    ) -> Result<Self, Error> {
        let mut hasher = Self::options_hasher(GENERATOR, mode, options);
        let file = fs::File::open(path).map_err(|e| Error::io("read snapshot", path, e))?;
        let length =
            hash_reader(&mut hasher.0, file).map_err(|e| Error::io("read snapshot", path, e))?;
        Ok(hasher.finish_with_snapshot_length(length))
    }

    /// [`Fingerprint::new`] for another generator identity (tests prove that a new
    /// generator gets a new fingerprint).
    #[doc(hidden)]
    pub fn of_generator(
        generator: &str,
        mode: Mode,
        snapshot: &[u8],
        options: &GenerateOptions,
    ) -> Self {
        let mut hasher = Self::options_hasher(generator, mode, options);
        hasher.0.update(snapshot);
        hasher.finish_with_snapshot_length(snapshot.len() as u64)
    }

    /// Everything but the snapshot, hashed. The snapshot follows as the last field,
    /// its length after its bytes (so a file can be hashed as it is read).
    fn options_hasher(generator: &str, mode: Mode, options: &GenerateOptions) -> Fields {
        // Destructured, not read field by field: an option added to GenerateOptions
        // fails to compile here until it is part of the fingerprint.
        let GenerateOptions {
            crate_name,
            runtime,
            only,
            snapshot_name,
            settings,
        } = options;
        let mut hasher = Fields(Xxh3::new());
        hasher.field(FORMAT.as_bytes());
        hasher.field(generator.as_bytes());
        hasher.field(match mode {
            Mode::Crate => b"crate",
            Mode::SingleFile => b"single file",
        });
        hasher.field(crate_name.as_bytes());
        match runtime {
            RuntimeDependency::Path(path) => {
                hasher.field(b"runtime path");
                hasher.field(path.as_bytes());
            }
            RuntimeDependency::Version(version) => {
                hasher.field(b"runtime version");
                hasher.field(version.as_bytes());
            }
        }
        // The list as given: its order can reach the output through error messages
        // and is cheap to keep exact.
        hasher.field(&(only.len() as u64).to_le_bytes());
        for name in only {
            hasher.field(name.as_bytes());
        }
        hasher.field(snapshot_name.as_bytes());
        // Any settings change is a full run: the parsed settings, hashed whole. No
        // settings add nothing, so fingerprints from before settings existed still hold.
        if !settings.is_empty() {
            hasher.field(b"settings");
            hasher.field(format!("{settings:?}").as_bytes());
        }
        hasher
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

/// Length-prefixed fields, so that no two different field lists hash the same bytes.
struct Fields(Xxh3);

impl Fields {
    fn field(&mut self, bytes: &[u8]) {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    /// The fingerprint, once the snapshot's `length` bytes have been hashed.
    fn finish_with_snapshot_length(mut self, length: u64) -> Fingerprint {
        self.0.update(&length.to_le_bytes());
        Fingerprint(self.0.digest128())
    }
}

/// The content hash the manifest records for a file.
pub fn content_hash(bytes: &[u8]) -> u128 {
    xxh3_128(bytes)
}

/// [`content_hash`] of a file, read in chunks (no buffer the size of the file).
fn file_hash(path: &Path) -> std::io::Result<u128> {
    let mut hasher = Xxh3::new();
    hash_reader(&mut hasher, fs::File::open(path)?)?;
    Ok(hasher.digest128())
}

/// Feed everything `reader` holds to `hasher`; returns how many bytes that was.
fn hash_reader(hasher: &mut Xxh3, mut reader: impl Read) -> std::io::Result<u64> {
    let mut buffer = vec![0; 256 * 1024];
    let mut total = 0;
    loop {
        match reader.read(&mut buffer) {
            Ok(0) => return Ok(total),
            Ok(n) => {
                hasher.update(&buffer[..n]);
                total += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// What a full run produced: see the [module documentation](self).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// The inputs and generator the files were generated from.
    pub fingerprint: Fingerprint,
    /// How many objects were generated (the summary line prints it).
    pub objects: usize,
    /// Every generated file (relative path with `/`) and its [`content_hash`].
    pub files: BTreeMap<String, u128>,
}

impl Manifest {
    /// The manifest of `krate`, generated with `fingerprint`.
    pub fn for_crate(fingerprint: Fingerprint, objects: usize, krate: &GeneratedCrate) -> Self {
        Manifest {
            fingerprint,
            objects,
            files: krate
                .files
                .iter()
                .map(|(path, contents)| (path.clone(), content_hash(contents.as_bytes())))
                .collect(),
        }
    }

    /// The manifest of one generated file called `file_name`.
    pub fn for_file(
        fingerprint: Fingerprint,
        objects: usize,
        file_name: &str,
        contents: &[u8],
    ) -> Self {
        Manifest {
            fingerprint,
            objects,
            files: BTreeMap::from([(file_name.to_owned(), content_hash(contents))]),
        }
    }

    /// The manifest as written to disk: a header, one `key value` line each (files
    /// sorted by path), and last a checksum of everything before it, so a hand edit
    /// (a file's line removed, a hash changed) makes the manifest unreadable rather
    /// than a false claim.
    pub fn render(&self) -> String {
        let mut text = format!(
            "# {marker}: what the last full run wrote, so that a run with\n\
             # the same inputs can skip generating. Do not edit; deleting it only makes\n\
             # the next run a full one.\n\
             format {FORMAT}\n\
             fingerprint {}\n\
             objects {}\n",
            self.fingerprint,
            self.objects,
            marker = generated_files::GENERATED_MARKER,
        );
        for (path, hash) in &self.files {
            text.push_str(&format!("file {hash:032x} {path}\n"));
        }
        let checksum = content_hash(text.as_bytes());
        text.push_str(&format!("checksum {checksum:032x}\n"));
        text
    }

    /// Read a manifest rendered by [`Manifest::render`]; `None` for anything else
    /// (another format, a hand edit, a truncated file), which only means a full run.
    pub fn parse(text: &str) -> Option<Manifest> {
        let body = text.strip_suffix('\n')?;
        let (body, checksum) = match body.rsplit_once('\n') {
            Some((body, last)) => (&text[..=body.len()], last),
            None => return None,
        };
        if parse_hash(checksum.strip_prefix("checksum ")?)? != content_hash(body.as_bytes()) {
            return None;
        }
        let mut lines = body.lines().filter(|line| !line.starts_with('#'));
        if lines.next()?.strip_prefix("format ")? != FORMAT {
            return None;
        }
        let fingerprint = Fingerprint(parse_hash(lines.next()?.strip_prefix("fingerprint ")?)?);
        let objects = lines.next()?.strip_prefix("objects ")?.parse().ok()?;
        let mut files = BTreeMap::new();
        for line in lines {
            let (hash, path) = line.strip_prefix("file ")?.split_once(' ')?;
            if files.insert(path.to_owned(), parse_hash(hash)?).is_some() {
                return None;
            }
        }
        Some(Manifest {
            fingerprint,
            objects,
            files,
        })
    }
}

/// Exactly 32 lowercase hex digits, as rendered.
fn parse_hash(text: &str) -> Option<u128> {
    let canonical = text.len() == 32
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    canonical.then(|| u128::from_str_radix(text, 16).ok())?
}

/// Why a run cannot take the fast path and must generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// There is no manifest (a first run, or one written before manifests existed).
    NoManifest,
    /// The manifest cannot be read or is not one this version writes.
    UnreadableManifest,
    /// The snapshot, an option or the generator differs from the manifest's run.
    InputsChanged,
    /// A listed file is missing or does not hold the bytes the manifest lists.
    FileChanged(String),
    /// A generated file the manifest does not list, which a full run would delete.
    StaleFile(String),
    /// A directory of the crate cannot be listed (the full run reports why).
    Unlistable(String),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NoManifest => write!(f, "no manifest"),
            Reason::UnreadableManifest => write!(f, "the manifest is unreadable"),
            Reason::InputsChanged => {
                write!(f, "the snapshot, the options or the generator changed")
            }
            Reason::FileChanged(path) => write!(f, "{path} is missing or was changed"),
            Reason::StaleFile(path) => write!(f, "{path} is a stale generated file"),
            Reason::Unlistable(path) => write!(f, "{path} cannot be listed"),
        }
    }
}

/// Whether `dir` holds exactly what a full `generate` of the crate with `fingerprint`
/// would leave: its manifest has this fingerprint, every file it lists holds the
/// listed bytes, and no generated `src/*.rs` file outside the list is there (a full run
/// would delete it). Returns the manifest when so.
pub fn crate_is_current(dir: &Path, fingerprint: &Fingerprint) -> Result<Manifest, Reason> {
    let manifest = read_manifest(&dir.join(MANIFEST_FILE), fingerprint)?;
    files_match(dir, &manifest)?;
    match generated_files::stale_generated_files(dir, &|path| manifest.files.contains_key(path)) {
        Ok(stale) => match stale.into_iter().next() {
            Some(path) => Err(Reason::StaleFile(path)),
            None => Ok(manifest),
        },
        // The full run will say what is wrong with the directory.
        Err(_) => Err(Reason::Unlistable("src".to_owned())),
    }
}

/// Whether the single generated file `path` holds exactly what generating it with
/// `fingerprint` would write, by its sidecar manifest ([`sidecar_path`]).
pub fn file_is_current(path: &Path, fingerprint: &Fingerprint) -> Result<Manifest, Reason> {
    let sidecar = sidecar_path(path).ok_or(Reason::NoManifest)?;
    let manifest = read_manifest(&sidecar, fingerprint)?;
    let name = file_name(path).ok_or(Reason::UnreadableManifest)?;
    if manifest.files.len() != 1 || !manifest.files.contains_key(&name) {
        return Err(Reason::UnreadableManifest);
    }
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    files_match(dir, &manifest)?;
    Ok(manifest)
}

/// Where the manifest of the single generated file `path` is kept: beside it, named
/// after it with [`SIDECAR_SUFFIX`]. `None` when `path` has no UTF-8 file name.
pub fn sidecar_path(path: &Path) -> Option<PathBuf> {
    let name = file_name(path)?;
    Some(path.with_file_name(format!("{name}{SIDECAR_SUFFIX}")))
}

fn file_name(path: &Path) -> Option<String> {
    path.file_name()?.to_str().map(str::to_owned)
}

/// The manifest at `path`, if it has `fingerprint`.
fn read_manifest(path: &Path, fingerprint: &Fingerprint) -> Result<Manifest, Reason> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Reason::NoManifest),
        Err(_) => return Err(Reason::UnreadableManifest),
    };
    let manifest = Manifest::parse(&text).ok_or(Reason::UnreadableManifest)?;
    if manifest.fingerprint != *fingerprint {
        return Err(Reason::InputsChanged);
    }
    Ok(manifest)
}

/// Every file `manifest` lists exists under `dir` with the listed hash.
fn files_match(dir: &Path, manifest: &Manifest) -> Result<(), Reason> {
    for (relative, hash) in &manifest.files {
        // A listed path that could leave the directory is no manifest of ours.
        let path =
            generated_files::relative_path(relative).map_err(|_| Reason::UnreadableManifest)?;
        match file_hash(&dir.join(path)) {
            Ok(actual) if actual == *hash => {}
            _ => return Err(Reason::FileChanged(relative.clone())),
        }
    }
    Ok(())
}

/// How many of `schemas` generation selects with `only` (all when it is empty),
/// matched as generation matches them: by name, fully qualified name or object type
/// id. The summary line prints it; the manifest records it so the fast path can too.
pub fn selected_objects(schemas: &[ObjectSchema], only: &[String]) -> usize {
    if only.is_empty() {
        return schemas.len();
    }
    schemas
        .iter()
        .filter(|schema| {
            only.iter().any(|wanted| {
                *wanted == schema.name
                    || schema.fully_qualified_name.as_deref() == Some(wanted.as_str())
                    || schema.object_type_id.as_deref() == Some(wanted.as_str())
            })
        })
        .count()
}

/// A snapshot file's raw bytes (what the fingerprint hashes), with the error
/// [`crate::source::read_snapshot`] gives for a file that cannot be read.
pub fn read_snapshot_bytes(path: &Path) -> Result<Vec<u8>, Error> {
    fs::read(path).map_err(|e| Error::io("read snapshot", path, e))
}

/// Parse snapshot bytes read by [`read_snapshot_bytes`] and normalize them, with the
/// errors [`crate::source::read_snapshot`] gives (bytes that are not UTF-8 are a read
/// error, as `read_to_string` makes them).
pub fn parse_snapshot_bytes(bytes: &[u8], path: &Path) -> Result<Vec<ObjectSchema>, Error> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        let invalid = std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        );
        Error::io("read snapshot", path, invalid)
    })?;
    let mut schemas = crate::source::parse_snapshot(text, path)?;
    crate::snapshot::normalize(&mut schemas);
    Ok(schemas)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> GenerateOptions {
        GenerateOptions {
            crate_name: "hubspot-objects".to_owned(),
            runtime: RuntimeDependency::Version("0.1.0".to_owned()),
            only: Vec::new(),
            settings: Default::default(),
            snapshot_name: "s.json".to_owned(),
        }
    }

    const SNAPSHOT: &[u8] = br#"{"results":[{"name":"cars"}]}"#;

    #[test]
    fn every_input_changes_the_fingerprint() {
        let base = Fingerprint::new(Mode::Crate, SNAPSHOT, &options());
        assert_eq!(base, Fingerprint::new(Mode::Crate, SNAPSHOT, &options()));
        let mut variants = vec![
            Fingerprint::new(Mode::SingleFile, SNAPSHOT, &options()),
            Fingerprint::new(Mode::Crate, br#"{"results":[{"name":"carz"}]}"#, &options()),
            Fingerprint::new(Mode::Crate, b"", &options()),
            Fingerprint::of_generator("0.1.0+other", Mode::Crate, SNAPSHOT, &options()),
        ];
        let changes: [fn(&mut GenerateOptions); 6] = [
            |o| o.crate_name = "acme-objects".into(),
            |o| o.runtime = RuntimeDependency::Path("0.1.0".into()),
            |o| o.runtime = RuntimeDependency::Version("0.2.0".into()),
            |o| o.only = vec!["cars".into()],
            |o| o.only = vec!["ca".into(), "rs".into()],
            |o| o.snapshot_name = "t.json".into(),
        ];
        for change in changes {
            let mut changed = options();
            change(&mut changed);
            variants.push(Fingerprint::new(Mode::Crate, SNAPSHOT, &changed));
        }
        // Length prefixes: moving bytes between fields is a change too.
        let mut shifted = options();
        shifted.crate_name = "hubspot-objectss.json".into();
        shifted.snapshot_name = String::new();
        variants.push(Fingerprint::new(Mode::Crate, SNAPSHOT, &shifted));
        for (i, variant) in variants.iter().enumerate() {
            assert_ne!(*variant, base, "variant {i}");
        }
        let distinct: std::collections::HashSet<_> = variants.iter().collect();
        assert_eq!(distinct.len(), variants.len());
    }

    #[test]
    fn hashing_a_file_in_chunks_equals_hashing_its_bytes() {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("snapshot.json");
        // Longer than one read buffer, and not a multiple of it.
        let bytes: Vec<u8> = (0..700_001u32).map(|i| (i % 251) as u8).collect();
        fs::write(&path, &bytes).unwrap();
        assert_eq!(file_hash(&path).unwrap(), content_hash(&bytes));
        assert_eq!(
            Fingerprint::of_snapshot_file(Mode::Crate, &path, &options()).unwrap(),
            Fingerprint::new(Mode::Crate, &bytes, &options())
        );
        let missing = temp.path().join("missing.json");
        let error = Fingerprint::of_snapshot_file(Mode::Crate, &missing, &options()).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("cannot read snapshot {}", missing.display())
        );
    }

    #[test]
    fn the_generator_identity_has_the_version_and_a_source_hash() {
        let (version, hash) = GENERATOR.split_once('+').unwrap();
        assert_eq!(version, env!("CARGO_PKG_VERSION"));
        assert_eq!(hash.len(), 32, "{hash}");
        assert!(parse_hash(hash).is_some(), "{hash}");
    }

    fn sample() -> Manifest {
        let krate = GeneratedCrate {
            files: BTreeMap::from([
                ("Cargo.toml".to_owned(), "[package]\n".to_owned()),
                ("src/lib.rs".to_owned(), "pub mod cars;\n".to_owned()),
                ("src/my cars.rs".to_owned(), String::new()),
            ]),
        };
        Manifest::for_crate(
            Fingerprint::new(Mode::Crate, SNAPSHOT, &options()),
            3,
            &krate,
        )
    }

    #[test]
    fn manifests_render_deterministically_and_parse_back() {
        let manifest = sample();
        let text = manifest.render();
        assert_eq!(text, sample().render());
        assert_eq!(Manifest::parse(&text), Some(manifest.clone()));
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[0].starts_with("# @generated by hubspot-codegen"),
            "{text}"
        );
        assert_eq!(lines[3], "format hubspot-codegen manifest 1");
        assert_eq!(lines[4], format!("fingerprint {}", manifest.fingerprint));
        assert_eq!(lines[5], "objects 3");
        assert_eq!(
            lines[6],
            format!("file {:032x} Cargo.toml", content_hash(b"[package]\n"))
        );
        assert!(lines[8].ends_with(" src/my cars.rs"), "{text}");
        let body: String = lines[..9].iter().map(|line| format!("{line}\n")).collect();
        assert_eq!(
            lines[9],
            format!("checksum {:032x}", content_hash(body.as_bytes()))
        );
        assert_eq!(lines.len(), 10);
    }

    fn flip_first_file_hash(text: &str) -> String {
        let at = text.find("file ").unwrap() + "file ".len();
        let mut bytes = text.as_bytes().to_vec();
        bytes[at] = if bytes[at] == b'0' { b'1' } else { b'0' };
        String::from_utf8(bytes).unwrap()
    }

    /// `body` (lines ending in `\n`) with a checksum line that matches it.
    fn checksummed(body: &str) -> String {
        format!("{body}checksum {:032x}\n", content_hash(body.as_bytes()))
    }

    #[test]
    fn anything_but_a_rendered_manifest_is_refused() {
        let text = sample().render();
        let body = &text[..text.rfind("checksum ").unwrap()];
        assert_eq!(checksummed(body), text);
        // Any edit breaks the checksum: a line removed, a hash or a count changed.
        let without_first_file: String = body
            .lines()
            .filter(|line| !line.ends_with(" Cargo.toml"))
            .map(|line| format!("{line}\n"))
            .collect();
        for edited in [
            checksummed(&without_first_file).replace("checksum ", "checksum 0"),
            text.replace("objects 3", "objects 4"),
            flip_first_file_hash(&text),
            format!("{without_first_file}{}\n", text.lines().last().unwrap()),
            text.trim_end().to_owned(),
            String::new(),
            "garbage".to_owned(),
        ] {
            assert_eq!(Manifest::parse(&edited), None, "{edited}");
        }
        // With a matching checksum, the structure is still checked.
        for bad_body in [
            body.replace("manifest 1", "manifest 2"),
            body.replace("objects 3", "objects three"),
            body.replacen("file ", "file  ", 1),
            body.replacen("file ", "file 0", 1),
            body.replacen("fingerprint ", "fingerprint A", 1),
            body.lines().take(6).collect::<Vec<_>>().join("\n") + "\nfile\n",
            format!("{body}{}\n", body.lines().last().unwrap()),
        ] {
            assert_eq!(Manifest::parse(&checksummed(&bad_body)), None, "{bad_body}");
        }
        assert_eq!(
            Manifest::parse(&checksummed(&without_first_file))
                .unwrap()
                .files
                .len(),
            2
        );
    }

    #[test]
    fn selected_objects_matches_name_qualified_name_and_id() {
        let schemas = [
            ObjectSchema {
                name: "cars".into(),
                fully_qualified_name: Some("p1_cars".into()),
                object_type_id: Some("2-1".into()),
                ..Default::default()
            },
            ObjectSchema {
                name: "pets".into(),
                ..Default::default()
            },
        ];
        assert_eq!(selected_objects(&schemas, &[]), 2);
        for wanted in ["cars", "p1_cars", "2-1"] {
            assert_eq!(selected_objects(&schemas, &[wanted.to_owned()]), 1);
        }
        assert_eq!(selected_objects(&schemas, &["boats".to_owned()]), 0);
    }

    #[test]
    fn sidecars_sit_beside_their_file() {
        assert_eq!(
            sidecar_path(Path::new("/out/hubspot_objects.rs")).unwrap(),
            Path::new("/out/hubspot_objects.rs.hubspot-codegen.manifest")
        );
    }
}
