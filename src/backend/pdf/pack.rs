//! The document made ready to write: printpdf's pages get our content streams, shared resources and no redundant boxes, and streams are deflated (`write` packs the rest).

use std::cell::RefCell;

use lopdf::{Document, Object, ObjectId, Stream};

/// Puts `contents` (one stream per page, in page order) in place of the
/// page contents printpdf wrote, shares one resource dictionary between
/// the pages and drops what only repeats a default.
pub fn tidy(doc: &mut Document, contents: Vec<Vec<u8>>) {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let mut shared: Option<Object> = None;
    let mut orphans = Vec::new();
    for (id, bytes) in pages.iter().zip(contents) {
        let Ok(page) = doc.get_dictionary_mut(*id) else {
            continue;
        };
        // CropBox and TrimBox default to the MediaBox, which is all they repeat.
        if page.get(b"CropBox").ok() == page.get(b"MediaBox").ok() {
            page.remove(b"CropBox");
        }
        if page.get(b"TrimBox").ok() == page.get(b"MediaBox").ok() {
            page.remove(b"TrimBox");
        }
        if page
            .get(b"Annots")
            .and_then(Object::as_array)
            .is_ok_and(Vec::is_empty)
        {
            page.remove(b"Annots");
        }
        // Every page's resources are the same references: one dictionary serves all.
        match (&shared, page.get(b"Resources")) {
            (None, Ok(r)) => shared = Some(r.clone()),
            (Some(first), Ok(r)) if first != r => {
                if let Ok(old) = r.as_reference() {
                    orphans.push(old);
                }
                page.set("Resources", first.clone());
            }
            _ => {}
        }
        let contents = page.get(b"Contents").and_then(Object::as_reference);
        if let Ok(stream) = contents
            .and_then(|c| doc.get_object_mut(c))
            .and_then(Object::as_stream_mut)
        {
            stream.set_content(bytes);
        }
    }
    for id in orphans {
        doc.objects.remove(&id);
    }
    // printpdf refers to its image, graphics-state and shading dictionaries
    // even when they are empty.
    let Some(resources) = shared.and_then(|r| r.as_reference().ok()) else {
        return;
    };
    for key in [b"XObject".as_slice(), b"ExtGState", b"Shading"] {
        let target = doc
            .get_dictionary(resources)
            .and_then(|r| r.get(key))
            .and_then(Object::as_reference);
        let Ok(target) = target else { continue };
        if doc.get_dictionary(target).is_ok_and(|d| d.is_empty()) {
            doc.objects.remove(&target);
            if let Ok(r) = doc.get_dictionary_mut(resources) {
                r.remove(key);
            }
        }
    }
}

/// Deflates every stream that may be compressed, at level 2: lopdf's own
/// `compress` uses the best level, which costs several milliseconds per
/// document for a file a few percent smaller. Measured with callgrind on
/// alex-rn: level 6 takes 17.0 M instructions for 53.9 KB, level 3 10.7 M
/// for 56.5 KB; on the JSON Resume sample level 2 saves another 2.3 M
/// instructions for 2.6% more bytes, and level 1 (fast but 20% larger) would
/// take alex-rn past 70 KB.
///
/// With `parallel`, the streams are split in two halves of about the same
/// size, deflated side by side: one resume's PDF leaves the second core
/// idle otherwise. Each stream's bytes do not depend on which half it is in.
pub fn compress(doc: &mut Document, parallel: bool) {
    let mut streams: Vec<&mut Stream> = doc
        .objects
        .values_mut()
        .filter_map(|object| match object {
            Object::Stream(s) if s.allows_compression && !s.dict.has(b"Filter") => Some(s),
            _ => None,
        })
        .collect();
    streams.sort_by_key(|s| std::cmp::Reverse(s.content.len()));
    let (mut one, mut two) = (Vec::new(), Vec::new());
    let (mut size_one, mut size_two) = (0, 0);
    for s in streams {
        if size_one <= size_two {
            size_one += s.content.len();
            one.push(s);
        } else {
            size_two += s.content.len();
            two.push(s);
        }
    }
    if parallel {
        rayon::join(|| deflate_all(one), || deflate_all(two));
    } else {
        deflate_all(one);
        deflate_all(two);
    }
}

thread_local! {
    /// One compressor per thread, reset between streams: setting one up
    /// clears its window and tables, which cost more than deflating a small
    /// stream, and a batch renders thousands of PDFs on the same threads.
    static COMPRESSOR: RefCell<Option<flate2::Compress>> = const { RefCell::new(None) };
}

fn deflate_all(streams: Vec<&mut Stream>) {
    if streams.is_empty() {
        return;
    }
    with_compressor(|z| streams.into_iter().for_each(|s| deflate_stream(z, s)));
}

/// Runs `f` with this thread's compressor.
fn with_compressor<R>(f: impl FnOnce(&mut flate2::Compress) -> R) -> R {
    COMPRESSOR.with(|cell| match cell.try_borrow_mut() {
        Ok(mut slot) => f(slot.get_or_insert_with(new_compressor)),
        // Not reached (nothing deflating calls back in here); a fresh
        // compressor would do.
        Err(_) => f(&mut new_compressor()),
    })
}

fn new_compressor() -> flate2::Compress {
    flate2::Compress::new(flate2::Compression::new(LEVEL), true)
}

fn deflate_stream(z: &mut flate2::Compress, stream: &mut Stream) {
    if let Some(packed) = deflate(z, &stream.content)
        && packed.len() < stream.content.len()
    {
        stream
            .dict
            .set("Filter", Object::Name(b"FlateDecode".to_vec()));
        stream.set_content(packed);
    }
}

/// `data` deflated at the level of the other streams, by this thread's
/// compressor.
pub fn deflate_bytes(data: &[u8]) -> Option<Vec<u8>> {
    with_compressor(|z| deflate(z, data))
}

/// The deflate level of PDF streams.
const LEVEL: u32 = 2;

/// `data` as a zlib stream.
fn deflate(z: &mut flate2::Compress, data: &[u8]) -> Option<Vec<u8>> {
    z.reset();
    let mut out = Vec::with_capacity(data.len() / 2 + 128);
    loop {
        let consumed = usize::try_from(z.total_in()).ok()?;
        let input = data.get(consumed..)?;
        match z
            .compress_vec(input, &mut out, flate2::FlushCompress::Finish)
            .ok()?
        {
            flate2::Status::StreamEnd => return Some(out),
            flate2::Status::Ok | flate2::Status::BufError => out.reserve(out.capacity().max(1024)),
        }
    }
}
