//! Build steps: packs the script fonts (deflated, with their names and
//! coverage read here so that a run can choose them without inflating them),
//! and links the command as a position-dependent executable on Linux only
//! when asked (`RESUME_EXPORT_NO_PIE=1` at build time).

// A PIE binary this size carries ~25,700 relative relocations; applying them
// costs about a millisecond of every run. That is worth having in a batch
// script, but the default build keeps PIE: the same code is about to serve
// untrusted requests, and randomising the executable's address is part of the
// platform's hardening that a millisecond does not buy away.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

/// Fonts of scripts that most resumes never use, in fallback order. They are
/// stored deflated in the executable and inflated on first use, so that a
/// Latin-only resume pays nothing for them.
const PACKED: &[&str] = &[
    "NotoSansThai/NotoSansThai-Regular.ttf",
    "NotoSansThai/NotoSansThai-Bold.ttf",
    "NotoSerifThai/NotoSerifThai-Regular.ttf",
    "NotoSerifThai/NotoSerifThai-Bold.ttf",
    "NotoSansLao/NotoSansLao-Regular.ttf",
    "NotoSansLao/NotoSansLao-Bold.ttf",
    "NotoSerifLao/NotoSerifLao-Regular.ttf",
    "NotoSerifLao/NotoSerifLao-Bold.ttf",
    "NotoSansKhmer/NotoSansKhmer-Regular.ttf",
    "NotoSansKhmer/NotoSansKhmer-Bold.ttf",
    "NotoSerifKhmer/NotoSerifKhmer-Regular.ttf",
    "NotoSerifKhmer/NotoSerifKhmer-Bold.ttf",
    "NotoSansMyanmar/NotoSansMyanmar-Regular.ttf",
    "NotoSansMyanmar/NotoSansMyanmar-Bold.ttf",
    "NotoSerifMyanmar/NotoSerifMyanmar-Regular.ttf",
    "NotoSerifMyanmar/NotoSerifMyanmar-Bold.ttf",
    "NotoSansDevanagari/NotoSansDevanagari-Regular.ttf",
    "NotoSansDevanagari/NotoSansDevanagari-Bold.ttf",
    "NotoSerifDevanagari/NotoSerifDevanagari-Regular.ttf",
    "NotoSerifDevanagari/NotoSerifDevanagari-Bold.ttf",
    "NotoSansBengali/NotoSansBengali-Regular.ttf",
    "NotoSansBengali/NotoSansBengali-Bold.ttf",
    "NotoSerifBengali/NotoSerifBengali-Regular.ttf",
    "NotoSerifBengali/NotoSerifBengali-Bold.ttf",
    "NotoSansGurmukhi/NotoSansGurmukhi-Regular.ttf",
    "NotoSansGurmukhi/NotoSansGurmukhi-Bold.ttf",
    "NotoSerifGurmukhi/NotoSerifGurmukhi-Regular.ttf",
    "NotoSerifGurmukhi/NotoSerifGurmukhi-Bold.ttf",
    "NotoSansGujarati/NotoSansGujarati-Regular.ttf",
    "NotoSansGujarati/NotoSansGujarati-Bold.ttf",
    "NotoSerifGujarati/NotoSerifGujarati-Regular.ttf",
    "NotoSerifGujarati/NotoSerifGujarati-Bold.ttf",
    "NotoSansOriya/NotoSansOriya-Regular.ttf",
    "NotoSansOriya/NotoSansOriya-Bold.ttf",
    "NotoSansTamil/NotoSansTamil-Regular.ttf",
    "NotoSansTamil/NotoSansTamil-Bold.ttf",
    "NotoSerifTamil/NotoSerifTamil-Regular.ttf",
    "NotoSerifTamil/NotoSerifTamil-Bold.ttf",
    "NotoSansTelugu/NotoSansTelugu-Regular.ttf",
    "NotoSansTelugu/NotoSansTelugu-Bold.ttf",
    "NotoSerifTelugu/NotoSerifTelugu-Regular.ttf",
    "NotoSerifTelugu/NotoSerifTelugu-Bold.ttf",
    "NotoSansKannada/NotoSansKannada-Regular.ttf",
    "NotoSansKannada/NotoSansKannada-Bold.ttf",
    "NotoSerifKannada/NotoSerifKannada-Regular.ttf",
    "NotoSerifKannada/NotoSerifKannada-Bold.ttf",
    "NotoSansMalayalam/NotoSansMalayalam-Regular.ttf",
    "NotoSansMalayalam/NotoSansMalayalam-Bold.ttf",
    "NotoSerifMalayalam/NotoSerifMalayalam-Regular.ttf",
    "NotoSerifMalayalam/NotoSerifMalayalam-Bold.ttf",
    "NotoSansSinhala/NotoSansSinhala-Regular.ttf",
    "NotoSansSinhala/NotoSansSinhala-Bold.ttf",
    "NotoSerifSinhala/NotoSerifSinhala-Regular.ttf",
    "NotoSerifSinhala/NotoSerifSinhala-Bold.ttf",
    "NotoSansGeorgian/NotoSansGeorgian-Regular.ttf",
    "NotoSansGeorgian/NotoSansGeorgian-Bold.ttf",
    "NotoSerifGeorgian/NotoSerifGeorgian-Regular.ttf",
    "NotoSerifGeorgian/NotoSerifGeorgian-Bold.ttf",
    "NotoSansArmenian/NotoSansArmenian-Regular.ttf",
    "NotoSansArmenian/NotoSansArmenian-Bold.ttf",
    "NotoSerifArmenian/NotoSerifArmenian-Regular.ttf",
    "NotoSerifArmenian/NotoSerifArmenian-Bold.ttf",
    "NotoSansEthiopic/NotoSansEthiopic-Regular.ttf",
    "NotoSansEthiopic/NotoSansEthiopic-Bold.ttf",
    "NotoSerifEthiopic/NotoSerifEthiopic-Regular.ttf",
    "NotoSerifEthiopic/NotoSerifEthiopic-Bold.ttf",
    "NotoSansSymbols/NotoSansSymbols-Regular.ttf",
    "NotoSansSymbols/NotoSansSymbols-Bold.ttf",
    "NotoSansSymbols2/NotoSansSymbols2-Regular.ttf",
    "NotoEmoji/NotoEmoji-Regular.ttf",
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RESUME_EXPORT_NO_PIE");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" && std::env::var_os("RESUME_EXPORT_NO_PIE").is_some() {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    if let Err(e) = pack_fonts() {
        println!("cargo:warning=packing fonts failed: {e}");
        std::process::exit(1);
    }
}

/// Writes `<OUT_DIR>/packed/<file>.deflate` for every packed font and
/// `<OUT_DIR>/packed_fonts.rs` and `packed_data.rs`, the table and the
/// statics `src/backend/pdf/fonts/packed.rs`
/// includes.
fn pack_fonts() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    // Read when the script runs, not when it was compiled: a target folder
    // copied to another checkout must not read the old checkout's fonts.
    let fonts = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("fonts");
    std::fs::create_dir_all(out.join("packed"))?;
    let mut table = String::from("[\n");
    let mut data = String::new();
    for (n, rel) in PACKED.iter().enumerate() {
        let path = fonts.join(rel);
        println!("cargo:rerun-if-changed={}", path.display());
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let face = ttf_parser::Face::parse(&bytes, 0)
            .map_err(|e| format!("{}: not a font ({e})", path.display()))?;
        let name = |id: u16| {
            face.names()
                .into_iter()
                .filter(|n| n.name_id == id)
                .find_map(|n| n.to_string())
        };
        let family = name(16)
            .or_else(|| name(1))
            .ok_or_else(|| format!("{}: no family name", path.display()))?;
        let ps_name: String = name(6)
            .unwrap_or_else(|| family.replace(' ', ""))
            .chars()
            .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%#".contains(*c))
            .collect();
        let file = rel.rsplit('/').next().unwrap_or(rel);
        let packed = out.join("packed").join(format!("{file}.deflate"));
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&bytes)?;
        let deflated = enc.finish()?;
        // Each file is a static of its own in one section apart from
        // .rodata (on Linux, where the section name needs no segment), so
        // that the constants a run reads are not spread over more pages by
        // megabytes it never reads: a Latin-only run's peak RSS was 27.3 MiB
        // with them in .rodata, 22.2 MiB apart (18.4 MiB without them).
        writeln!(
            data,
            "#[cfg_attr(target_os = \"linux\", unsafe(link_section = \"resume_export_fonts\"))]\n\
             static DATA_{n}: [u8; {len}] = *include_bytes!(concat!(env!(\"OUT_DIR\"), \"/packed/{file}.deflate\"));",
            len = deflated.len(),
        )?;
        std::fs::write(&packed, deflated)?;
        writeln!(
            table,
            "    Packed::new({family:?}, {ps_name:?}, {bold}, {italic}, {upem}, {len}, &[{ranges}], \
             &DATA_{n}),",
            bold = face.is_bold(),
            italic = face.is_italic(),
            upem = face.units_per_em(),
            len = bytes.len(),
            ranges = ranges(&face)
                .iter()
                .map(|(a, b)| format!("({a:#x}, {b:#x})"))
                .collect::<Vec<_>>()
                .join(", "),
        )?;
    }
    table.push(']');
    std::fs::write(out.join("packed_fonts.rs"), table)?;
    std::fs::write(out.join("packed_data.rs"), data)?;
    std::fs::write(out.join("packed_count.rs"), PACKED.len().to_string())?;
    Ok(())
}

/// The code points the face has a glyph for, as sorted inclusive ranges.
fn ranges(face: &ttf_parser::Face) -> Vec<(u32, u32)> {
    let mut points = BTreeSet::new();
    if let Some(cmap) = face.tables().cmap {
        for sub in cmap.subtables {
            if !sub.is_unicode() {
                continue;
            }
            sub.codepoints(|cp| {
                if sub.glyph_index(cp).is_some_and(|g| g.0 != 0) {
                    points.insert(cp);
                }
            });
        }
    }
    let mut out: Vec<(u32, u32)> = Vec::new();
    for cp in points {
        match out.last_mut() {
            Some((_, end)) if *end + 1 == cp => *end = cp,
            _ => out.push((cp, cp)),
        }
    }
    out
}
