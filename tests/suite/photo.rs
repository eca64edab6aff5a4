//! The candidate's photo through the real binary: placed in every layout, metadata gone, redaction, bad files.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/photo");

/// A German resume (photos show by default) naming `image`, in a fresh folder
/// holding the fixture photos.
fn setup(image: &str, language: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(FIXTURES).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let resume = serde_json::json!({
        "basics": {
            "name": "Lena Vogel",
            "label": "Data Engineer",
            "image": image,
            "email": "lena.vogel@example.com",
            "phone": "+49 30 5550 1234",
            "location": {"city": "Berlin", "countryCode": "DE"},
            "summary": "Data Engineer mit über sechs Jahren Erfahrung im Aufbau verlässlicher Datenplattformen."
        },
        "work": [{
            "name": "Havelblick Daten GmbH",
            "position": "Senior Data Engineer",
            "startDate": "2021-03",
            "highlights": ["Streaming-Plattform für 40 Teams aufgebaut", "Datenqualität messbar gemacht"]
        }],
        "meta": {"language": language}
    });
    let path = dir.path().join("lena.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&resume).unwrap()).unwrap();
    (dir, path)
}

/// Runs an export into the resume's folder; returns stderr.
fn export(resume: &Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("resume-export")
        .unwrap()
        .args(args)
        .arg("-d")
        .arg(resume.parent().unwrap())
        .arg(resume)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "export failed: {stderr}");
    stderr
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap()
}

/// Every part of a DOCX, by name.
fn docx_parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The JPEG embedded in the DOCX.
fn embedded_jpeg(docx: &[u8]) -> Vec<u8> {
    docx_parts(docx)
        .into_iter()
        .find(|(n, _)| n == "word/media/photo.jpeg")
        .map(|(_, d)| d)
        .expect("the DOCX holds the photo")
}

/// Page 1 at 30 dpi as RGB rows, with `pdftoppm`; `None` without it.
fn raster(pdf: &Path) -> Option<(usize, usize, Vec<u8>)> {
    let prefix = pdf.with_file_name("page1");
    let status = Command::new("pdftoppm")
        .args(["-r", "30", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .ok()?;
    assert!(status.success());
    let ppm = std::fs::read(pdf.with_file_name("page1.ppm")).unwrap();
    // P6\n<w> <h>\n255\n<rgb…>
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&ppm[start..at]).into_owned());
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    Some((w, h, ppm[at + 1..].to_vec()))
}

/// Share of pixels in the box (fractions of the page) that are far from white.
fn inked(page: &(usize, usize, Vec<u8>), x0: f32, x1: f32, y0: f32, y1: f32) -> f32 {
    let (w, h, rgb) = page;
    let (mut ink, mut all) = (0, 0);
    for y in (y0 * *h as f32) as usize..(y1 * *h as f32) as usize {
        for x in (x0 * *w as f32) as usize..(x1 * *w as f32) as usize {
            let i = (y * w + x) * 3;
            let sum: u32 = rgb[i..i + 3].iter().map(|&c| u32::from(c)).sum();
            all += 1;
            if sum < 600 {
                ink += 1;
            }
        }
    }
    ink as f32 / all.max(1) as f32
}

#[test]
fn every_layout_places_the_photo_at_the_right_of_the_header() {
    let (dir, resume) = setup("portrait-gps.jpg", "de");
    for layout in ["classic", "modern", "compact"] {
        let stderr = export(&resume, &["-f", "pdf,docx,html,md,txt", "-l", layout]);
        assert!(!stderr.contains("photo"), "{layout}: {stderr}");
        let pdf = read(dir.path(), "lena.pdf");
        assert!(contains(&pdf, b"/DCTDecode"), "{layout}: an image XObject");
        let docx = read(dir.path(), "lena.docx");
        let document = docx_parts(&docx)
            .into_iter()
            .find(|(n, _)| n == "word/document.xml")
            .unwrap()
            .1;
        let document = String::from_utf8(document).unwrap();
        assert!(
            document.contains(r#"descr="Lena Vogel""#),
            "{layout}: alt text"
        );
        assert!(document.contains(r#"r:embed="rIdPhoto""#), "{layout}");
        let rels = docx_parts(&docx)
            .into_iter()
            .find(|(n, _)| n == "word/_rels/document.xml.rels")
            .unwrap()
            .1;
        assert!(contains(&rels, b"media/photo.jpeg"), "{layout}");
        let html = String::from_utf8(read(dir.path(), "lena.html")).unwrap();
        assert!(
            html.contains(r#"<img class="photo""#)
                && html.contains(r#"alt="Lena Vogel""#)
                && html.contains("src=\"data:image/jpeg;base64,"),
            "{layout}"
        );
        for text in ["lena.md", "lena.txt"] {
            let t = String::from_utf8(read(dir.path(), text)).unwrap();
            assert!(
                !t.contains("portrait") && !t.contains("base64"),
                "{layout} {text}"
            );
        }
        let Some(page) = raster(&dir.path().join("lena.pdf")) else {
            eprintln!("note: pdftoppm not found; the pixel check is left out");
            continue;
        };
        // The photo's box at the top right holds its dark jacket and face;
        // the same width at the left of it is where the name is, not the photo.
        let top_right = inked(&page, 0.80, 0.90, 0.05, 0.14);
        assert!(
            top_right > 0.15,
            "{layout}: photo area is blank ({top_right})"
        );
        let below = inked(&page, 0.80, 0.90, 0.60, 0.95);
        assert!(below < 0.05, "{layout}: {below}");
    }
}

#[test]
fn exif_and_gps_are_gone_from_every_output() {
    let (dir, resume) = setup("portrait-gps.jpg", "de");
    export(&resume, &["-f", "pdf,docx,html"]);
    let original = std::fs::read(Path::new(FIXTURES).join("portrait-gps.jpg")).unwrap();
    assert!(contains(&original, b"Exif") && contains(&original, b"SECRET-MODEL-42"));
    let jpeg = embedded_jpeg(&read(dir.path(), "lena.docx"));
    assert_eq!(&jpeg[..2], b"\xff\xd8");
    for marker in [
        &b"Exif"[..],
        b"SECRET-MODEL-42",
        b"FixtureCam",
        b"exif-software-marker",
    ] {
        assert!(
            !contains(&jpeg, marker),
            "{}",
            String::from_utf8_lossy(marker)
        );
        assert!(!contains(&read(dir.path(), "lena.pdf"), marker));
    }
    // No APP1 (EXIF/XMP) segment at all.
    assert!(!contains(&jpeg, b"\xff\xe1"));
    // The PDF and the HTML embed the very same bytes.
    assert!(contains(&read(dir.path(), "lena.pdf"), &jpeg));
    let html = String::from_utf8(read(dir.path(), "lena.html")).unwrap();
    let b64 = html
        .split("data:image/jpeg;base64,")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap();
    assert_eq!(resume_export::photo::decode_base64(b64).unwrap(), jpeg);
}

#[test]
fn redaction_leaves_no_byte_of_the_photo() {
    let (dir, resume) = setup("portrait-gps.jpg", "de");
    export(&resume, &["-f", "docx"]);
    let jpeg = embedded_jpeg(&read(dir.path(), "lena.docx"));
    // A chunk of the entropy-coded pixel data, from the middle of the file.
    let chunk = &jpeg[jpeg.len() / 2..jpeg.len() / 2 + 48];
    for redact in ["name", "all"] {
        let stderr = export(&resume, &["-f", "all", "--redact", redact]);
        assert!(!stderr.contains("photo"), "{stderr}");
        for ext in ["pdf", "html", "md", "txt"] {
            let out = read(dir.path(), &format!("lena.{ext}"));
            assert!(!contains(&out, chunk), "{redact}: {ext} holds photo bytes");
            assert!(!contains(&out, b"DCTDecode") && !contains(&out, b"data:image/jpeg"));
        }
        for (name, data) in docx_parts(&read(dir.path(), "lena.docx")) {
            assert!(!name.contains("media"), "{redact}: {name}");
            assert!(
                !contains(&data, chunk),
                "{redact}: {name} holds photo bytes"
            );
        }
    }
}

#[test]
fn bad_photos_are_warnings_and_the_rest_converts() {
    let (dir, resume) = setup("x", "de");
    let big = dir.path().join("huge.jpg");
    let mut bytes = std::fs::read(dir.path().join("portrait-gps.jpg")).unwrap();
    bytes.resize(11 * 1024 * 1024, 0);
    std::fs::write(&big, bytes).unwrap();
    let cases = [
        ("truncated.jpg", "damaged or truncated"),
        ("not-an-image.jpg", "not a PNG or JPEG"),
        ("bomb.png", "over the limit of 40 megapixels"),
        ("too-wide.png", "over the limit of 10000 pixels a side"),
        ("huge.jpg", "over the limit of 10 MB"),
        ("missing.jpg", "cannot be read"),
        ("https://example.com/me.jpg", "never fetched"),
        ("data:image/gif;base64,R0lGOD", "not PNG or JPEG"),
    ];
    let json = std::fs::read_to_string(&resume).unwrap();
    for (image, expected) in cases {
        std::fs::write(
            &resume,
            json.replace("\"image\": \"x\"", &format!("\"image\": \"{image}\"")),
        )
        .unwrap();
        let started = std::time::Instant::now();
        let stderr = export(&resume, &["-f", "pdf,docx,html"]);
        assert!(
            stderr.contains("warning:") && stderr.contains("photo") && stderr.contains(expected),
            "{image}: {stderr}"
        );
        assert!(started.elapsed().as_secs() < 20, "{image} took too long");
        let pdf = read(dir.path(), "lena.pdf");
        assert!(!contains(&pdf, b"DCTDecode"), "{image}");
        assert!(
            contains(&read(dir.path(), "lena.html"), b"Havelblick"),
            "{image}"
        );
    }
}

#[test]
fn english_resumes_leave_it_out_unless_asked() {
    let (dir, resume) = setup("portrait.png", "en");
    let stderr = export(&resume, &["-f", "pdf"]);
    assert!(stderr.contains("--photo always"), "{stderr}");
    assert!(!contains(&read(dir.path(), "lena.pdf"), b"DCTDecode"));
    let stderr = export(&resume, &["-f", "pdf", "--photo", "always"]);
    assert!(!stderr.contains("photo"), "{stderr}");
    assert!(contains(&read(dir.path(), "lena.pdf"), b"DCTDecode"));
    let (dir, resume) = setup("portrait.png", "de");
    let stderr = export(&resume, &["-f", "pdf", "--photo", "never"]);
    assert!(!stderr.contains("photo"), "{stderr}");
    assert!(!contains(&read(dir.path(), "lena.pdf"), b"DCTDecode"));
}

#[test]
fn data_uris_work_and_output_is_deterministic() {
    let png = std::fs::read(Path::new(FIXTURES).join("portrait.png")).unwrap();
    let uri = format!(
        "data:image/png;base64,{}",
        resume_export::photo::encode_base64(&png)
    );
    let (dir, resume) = setup(&uri, "de");
    export(&resume, &["-f", "pdf,docx"]);
    let first = (read(dir.path(), "lena.pdf"), read(dir.path(), "lena.docx"));
    assert!(contains(&first.0, b"DCTDecode"));
    export(&resume, &["-f", "pdf,docx"]);
    assert!(first == (read(dir.path(), "lena.pdf"), read(dir.path(), "lena.docx")));
}

/// A PNG of `w` × `h` pixels in 16-bit RGBA, all one colour, written row by
/// row (the decoded picture would be `w * h * 8` bytes; the file is small).
fn deep_png(path: &Path, w: u32, h: u32) {
    use std::io::Write;
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[16, 6, 0, 0, 0]);
    let mut row = vec![0x80u8; 1 + w as usize * 8];
    row[0] = 0;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    for _ in 0..h {
        z.write_all(&row).unwrap();
    }
    let idat = z.finish().unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &idat);
    chunk(&mut png, b"IEND", &[]);
    std::fs::write(path, png).unwrap();
}

#[test]
fn a_small_file_of_many_deep_pixels_is_refused_before_it_is_decoded() {
    let (dir, resume) = setup("poster.png", "de");
    deep_png(&dir.path().join("poster.png"), 6600, 6000);
    assert!(
        std::fs::metadata(dir.path().join("poster.png"))
            .unwrap()
            .len()
            < 2_000_000
    );
    let stderr = export(&resume, &["-f", "html"]);
    assert!(
        stderr.contains("poster.png") && stderr.contains("MB to decode, over the limit"),
        "{stderr}"
    );
    assert!(!contains(
        &read(dir.path(), "lena.html"),
        b"data:image/jpeg"
    ));
}

#[test]
fn a_deep_png_within_the_memory_limit_is_converted() {
    let (dir, resume) = setup("deep.png", "de");
    deep_png(&dir.path().join("deep.png"), 3000, 2000);
    let stderr = export(&resume, &["-f", "html"]);
    assert!(!stderr.contains("deep.png"), "{stderr}");
    assert!(contains(&read(dir.path(), "lena.html"), b"data:image/jpeg"));
}

#[test]
fn a_data_uri_photo_longer_than_any_text_is_read() {
    // Noise does not compress: about 300 KB of PNG, 400 KB of base64.
    let mut seed = 0x2545_f491_u32;
    let noise = image::RgbImage::from_fn(320, 320, |_, _| {
        let mut px = [0u8; 3];
        for c in &mut px {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            *c = seed.to_le_bytes()[0];
        }
        image::Rgb(px)
    });
    let mut png = std::io::Cursor::new(Vec::new());
    noise.write_to(&mut png, image::ImageFormat::Png).unwrap();
    let uri = format!(
        "data:image/png;base64,{}",
        resume_export::photo::encode_base64(png.get_ref())
    );
    assert!(uri.len() > 380_000, "{}", uri.len());
    let (dir, resume) = setup(&uri, "de");
    let stderr = export(&resume, &["-f", "html"]);
    assert!(!stderr.contains("basics.image"), "{stderr}");
    assert!(contains(&read(dir.path(), "lena.html"), b"data:image/jpeg"));
}

#[cfg(unix)]
#[test]
fn only_plain_files_in_the_resume_folder_are_read() {
    let (dir, resume) = setup("x", "de");
    let absolute = dir.path().join("portrait.png");
    std::os::unix::fs::symlink(&absolute, dir.path().join("link.png")).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::copy(&absolute, dir.path().join("sub/me.png")).unwrap();
    let absolute = absolute.to_str().unwrap().to_string();
    let file_uri = format!("file://{absolute}");
    let cases = [
        ("../portrait.png", "leaves the resume's folder"),
        ("sub/../portrait.png", "leaves the resume's folder"),
        (absolute.as_str(), "is an absolute path"),
        (file_uri.as_str(), "is an absolute path"),
        ("//server/share/me.png", "never fetched"),
        ("file:////server/share/me.png", "network share"),
        ("link.png", "is a symbolic link"),
        ("sub", "is not a file"),
    ];
    let json = std::fs::read_to_string(&resume).unwrap();
    let name = |image: &str| json.replace("\"image\": \"x\"", &format!("\"image\": \"{image}\""));
    for (image, expected) in cases {
        std::fs::write(&resume, name(image)).unwrap();
        let stderr = export(&resume, &["-f", "html"]);
        assert!(
            stderr.contains("warning:") && stderr.contains(image) && stderr.contains(expected),
            "{image}: {stderr}"
        );
        assert!(
            !contains(&read(dir.path(), "lena.html"), b"data:image/jpeg"),
            "{image}"
        );
    }
    std::fs::write(&resume, name("sub/me.png")).unwrap();
    let stderr = export(&resume, &["-f", "html"]);
    assert!(!stderr.contains("sub/me.png"), "{stderr}");
    assert!(contains(&read(dir.path(), "lena.html"), b"data:image/jpeg"));
}

#[test]
fn a_motion_photo_is_read_up_to_the_end_of_its_picture() {
    let (dir, resume) = setup("motion.jpg", "de");
    let mut bytes = std::fs::read(dir.path().join("portrait-gps.jpg")).unwrap();
    let mut seed = 0x1234_5678_u32;
    bytes.extend((0..1_048_576).map(|_| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed.to_le_bytes()[0]
    }));
    std::fs::write(dir.path().join("motion.jpg"), bytes).unwrap();
    let stderr = export(&resume, &["-f", "html"]);
    assert!(!stderr.contains("motion.jpg"), "{stderr}");
    assert!(contains(&read(dir.path(), "lena.html"), b"data:image/jpeg"));
}

#[test]
fn a_photo_left_out_is_not_in_the_resume_given_to_templates() {
    let (dir, resume) = setup("portrait.png", "de");
    let template = dir.path().join("keys.txt.hbs");
    std::fs::write(&template, "{{#each resume.basics}}{{@key}} {{/each}}\n").unwrap();
    let keys = |args: &[&str]| {
        let out = Command::cargo_bin("resume-export")
            .unwrap()
            .args(args)
            .arg("--template")
            .arg(&template)
            .arg(&resume)
            .args(["-o", "-"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(keys(&[]).contains("image "), "{}", keys(&[]));
    let shown = keys(&["--photo", "never"]);
    assert!(
        !shown.contains("image") && shown.contains("email"),
        "{shown}"
    );
    assert!(keys(&["--photo", "always"]).contains("image "));
    // A photo that cannot be read is left out of the raw resume too.
    let json = std::fs::read_to_string(&resume).unwrap();
    std::fs::write(&resume, json.replace("portrait.png", "missing.png")).unwrap();
    let shown = keys(&[]);
    assert!(!shown.contains("image"), "{shown}");
}
