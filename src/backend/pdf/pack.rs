//! The file as written: printpdf's pages get our content streams, and streams are deflated.

use lopdf::{Document, Object, ObjectId};

/// Puts `contents` (one stream per page, in page order) in place of the
/// page contents printpdf wrote.
pub fn tidy(doc: &mut Document, contents: Vec<Vec<u8>>) {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    for (id, bytes) in pages.iter().zip(contents) {
        let contents = doc
            .get_dictionary(*id)
            .and_then(|page| page.get(b"Contents"))
            .and_then(Object::as_reference);
        if let Ok(stream) = contents
            .and_then(|c| doc.get_object_mut(c))
            .and_then(Object::as_stream_mut)
        {
            stream.set_content(bytes);
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
pub fn compress(doc: &mut Document) {
    // One compressor, reset between streams: setting one up clears its
    // window and tables, which cost more than deflating a small stream.
    let mut z = flate2::Compress::new(flate2::Compression::new(LEVEL), true);
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        if let Some(packed) = deflate(&mut z, &stream.content)
            && packed.len() < stream.content.len()
        {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(packed);
        }
    }
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
