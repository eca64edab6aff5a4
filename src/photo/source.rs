//! What `basics.image` names: inline data, an address on the network (never fetched) or a file path.

/// Where a photo is.
#[derive(Debug, PartialEq)]
pub enum Reference {
    /// A `data:` URI, decoded.
    Data(Vec<u8>),
    /// An `http`, `https` or other network address: never fetched.
    Remote,
    /// A path, relative to the resume file (a `file:` URI counts as one).
    Path(String),
    /// Something that cannot be read (a bad `data:` URI); the reason.
    Bad(String),
}

/// Reads `basics.image`.
pub fn reference(image: &str) -> Reference {
    let image = image.trim();
    let lower = image.get(..8).unwrap_or(image).to_ascii_lowercase();
    if lower.starts_with("data:") {
        return data(image.get(5..).unwrap_or(""));
    }
    if let Some(path) = lower
        .starts_with("file://")
        .then(|| image.get(7..))
        .flatten()
    {
        return local(path);
    }
    // A scheme (two letters or more: `C:\` is a Windows path) means the network.
    let scheme = image.split_once(':').map(|(s, _)| s);
    if scheme.is_some_and(|s| {
        s.len() > 1
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    }) || image.starts_with("//")
    {
        return Reference::Remote;
    }
    local(image)
}

/// A path is only ever read inside the resume's folder: an absolute path,
/// a network share (`//host`, `\\host`) or a `..` is refused before any
/// file is looked at. (The reader checks again where the path leads.)
fn local(path: &str) -> Reference {
    let drive = path.as_bytes().get(1) == Some(&b':');
    if path.starts_with("//") || path.starts_with("\\\\") {
        return Reference::Bad("is a network share; only a file beside the resume is read".into());
    }
    if path.starts_with('/') || path.starts_with('\\') || drive {
        return Reference::Bad(
            "is an absolute path; only a file beside the resume (or in a folder below it) is read"
                .into(),
        );
    }
    if path.split(['/', '\\']).any(|c| c == "..") {
        return Reference::Bad(
            "leaves the resume's folder (`..`); only a file beside the resume (or in a folder below it) is read"
                .into(),
        );
    }
    Reference::Path(path.to_string())
}

/// `image/jpeg;base64,…` (or a percent-encoded payload).
fn data(rest: &str) -> Reference {
    let Some((head, payload)) = rest.split_once(',') else {
        return Reference::Bad("is a data: URI without a comma".into());
    };
    let mut params = head.split(';');
    let mime = params.next().unwrap_or("").trim().to_ascii_lowercase();
    let base64 = params.any(|p| p.trim().eq_ignore_ascii_case("base64"));
    if !mime.is_empty() && !matches!(mime.as_str(), "image/jpeg" | "image/jpg" | "image/png") {
        return Reference::Bad(format!("is a data: URI of `{mime}`, not PNG or JPEG"));
    }
    let bytes = if base64 {
        match decode_base64(payload) {
            Some(b) => b,
            None => return Reference::Bad("is a data: URI with broken base64".into()),
        }
    } else {
        percent_decode(payload)
    };
    Reference::Data(bytes)
}

/// Standard or URL-safe base64; whitespace, line breaks and padding ignored.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' | b' ' | b'\n' | b'\r' | b'\t' => continue,
            // `%3D` and friends from a URI that was percent-encoded once more.
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

/// Standard base64 with padding.
pub fn encode_base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                let c = ALPHABET
                    .get(((n >> shift) & 63) as usize)
                    .copied()
                    .unwrap_or(b'A');
                out.push(char::from(c));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_told_apart() {
        assert_eq!(
            reference("data:image/png;base64,iVBORw=="),
            Reference::Data(vec![0x89, 0x50, 0x4e, 0x47])
        );
        assert_eq!(reference("https://example.com/me.jpg"), Reference::Remote);
        assert_eq!(reference("//cdn.example.com/me.jpg"), Reference::Remote);
        assert_eq!(reference("me.jpg"), Reference::Path("me.jpg".into()));
        for refused in [
            "C:\\me.jpg",
            "/etc/passwd",
            "\\\\server\\share\\me.jpg",
            "\\me.jpg",
            "../me.jpg",
            "photos/../../me.jpg",
            "photos\\..\\..\\me.jpg",
            "file:///etc/passwd",
            "file:////server/me.jpg",
            "file://../me.jpg",
        ] {
            assert!(matches!(reference(refused), Reference::Bad(_)), "{refused}");
        }
        assert_eq!(
            reference("photos/me..jpg"),
            Reference::Path("photos/me..jpg".into())
        );
        assert_eq!(
            reference("file://photos/me.jpg"),
            Reference::Path("photos/me.jpg".into())
        );
        assert!(matches!(reference("data:text/html,<b>"), Reference::Bad(_)));
        assert!(matches!(
            reference("data:image/png;base64,%%%"),
            Reference::Bad(_)
        ));
    }

    #[test]
    fn base64_decodes() {
        assert_eq!(decode_base64("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(decode_base64("aGVs\nbG8").unwrap(), b"hello");
        for s in ["", "h", "he", "hel", "hello"] {
            assert_eq!(
                decode_base64(&encode_base64(s.as_bytes())).unwrap(),
                s.as_bytes()
            );
        }
        assert_eq!(encode_base64(b"hello"), "aGVsbG8=");
    }
}
