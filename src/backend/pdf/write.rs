//! The file's bytes: streams as indirect objects, every other object packed into deflated object streams, and a narrow, deflated cross-reference stream (PDF 1.5).
//!
//! lopdf's writer clones every object into its object streams, serialises
//! each twice, escapes literal strings in quadratic time and writes each
//! cross-reference entry in 7 bytes; it was 16% of the instructions of a
//! corpus batch. This writes each object once, straight into its place.

use std::io::Write as _;

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use super::pack::deflate_bytes;

/// Objects per object stream: readers find an object by parsing its
/// stream's offset table, so very long streams slow random access.
const PER_STREAM: usize = 1000;

/// Where an object is, for the cross-reference stream.
#[derive(Clone, Copy)]
enum Entry {
    Free,
    /// At this byte offset of the file.
    At(usize),
    /// In object stream `container`, `index`th.
    Packed {
        container: u32,
        index: usize,
    },
}

/// Serialises `doc`, whose streams are already deflated as wanted.
pub fn save(doc: &Document) -> Vec<u8> {
    let size: usize = doc.objects.values().map(size_hint).sum();
    let mut out = Vec::with_capacity(size + 1024);
    out.extend_from_slice(b"%PDF-");
    out.extend_from_slice(doc.version.as_bytes());
    out.push(b'\n');
    if !doc.binary_mark.is_empty() && doc.binary_mark.iter().all(|&b| b >= 128) {
        out.push(b'%');
        out.extend_from_slice(&doc.binary_mark);
        out.push(b'\n');
    }
    let mut last = doc.objects.keys().map(|id| id.0).max().unwrap_or(0);
    let mut entries: Vec<Entry> = vec![Entry::Free; last as usize + 1];
    let encrypt = doc
        .trailer
        .get(b"Encrypt")
        .and_then(Object::as_reference)
        .ok();
    let mut packable: Vec<(u32, &Object)> = Vec::new();
    for (&(id, generation), object) in &doc.objects {
        let kind = type_name(object);
        if matches!(kind, Some(b"ObjStm" | b"XRef")) {
            continue;
        }
        if matches!(object, Object::Stream(_))
            || generation != 0
            || encrypt == Some((id, generation))
        {
            set(&mut entries, id, Entry::At(out.len()));
            indirect(&mut out, (id, generation), object);
        } else {
            packable.push((id, object));
        }
    }
    let mut body = Vec::new();
    for chunk in packable.chunks(PER_STREAM) {
        last += 1;
        let container = last;
        body.clear();
        let mut table = Vec::with_capacity(chunk.len() * 8);
        for (index, &(id, object)) in chunk.iter().enumerate() {
            set(&mut entries, id, Entry::Packed { container, index });
            table.extend_from_slice(itoa::Buffer::new().format(id).as_bytes());
            table.push(b' ');
            table.extend_from_slice(itoa::Buffer::new().format(body.len()).as_bytes());
            table.push(b' ');
            object_bytes(&mut body, object);
            body.push(b'\n');
        }
        let first = table.len();
        table.extend_from_slice(&body);
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"ObjStm".to_vec()));
        dict.set("N", Object::Integer(chunk.len() as i64));
        dict.set("First", Object::Integer(first as i64));
        set(&mut entries, container, Entry::At(out.len()));
        stream(&mut out, container, dict, &table);
    }
    last += 1;
    let xref_at = out.len();
    set(&mut entries, last, Entry::At(xref_at));
    xref(&mut out, doc, &entries, last);
    out.extend_from_slice(b"startxref\n");
    out.extend_from_slice(itoa::Buffer::new().format(xref_at).as_bytes());
    out.extend_from_slice(b"\n%%EOF");
    out
}

fn set(entries: &mut Vec<Entry>, id: u32, entry: Entry) {
    let i = id as usize;
    if entries.len() <= i {
        entries.resize(i + 1, Entry::Free);
    }
    if let Some(slot) = entries.get_mut(i) {
        *slot = entry;
    }
}

/// The cross-reference stream, object `id`: the entries of every object
/// (none for gaps in the numbering), each field as narrow as its largest value.
fn xref(out: &mut Vec<u8>, doc: &Document, entries: &[Entry], id: u32) {
    let fields = |e: &Entry| -> (u8, u64, u64) {
        match *e {
            Entry::Free => (0, 0, 0),
            Entry::At(offset) => (1, offset as u64, 0),
            Entry::Packed { container, index } => (2, u64::from(container), index as u64),
        }
    };
    // Object 0 heads the free list (generation 65535); other free numbers
    // are gaps, left out of the `Index` sections.
    let mut sections: Vec<(usize, usize)> = vec![(0, 1)];
    for (i, e) in entries.iter().enumerate().skip(1) {
        if matches!(e, Entry::Free) {
            continue;
        }
        match sections.last_mut() {
            Some((start, count)) if *start + *count == i => *count += 1,
            _ => sections.push((i, 1)),
        }
    }
    let max2 = entries.iter().map(|e| fields(e).1).max().unwrap_or(0);
    let max3 = entries
        .iter()
        .map(|e| fields(e).2)
        .max()
        .unwrap_or(0)
        .max(65535);
    let width = |max: u64| (1..8usize).find(|w| max < 1u64 << (8 * w)).unwrap_or(8);
    let (w2, w3) = (width(max2), width(max3));
    let mut data = Vec::with_capacity(entries.len() * (1 + w2 + w3));
    for &(start, count) in &sections {
        for (i, e) in entries.iter().enumerate().skip(start).take(count) {
            let (t, f2, f3) = if i == 0 { (0, 0, 65535) } else { fields(e) };
            data.push(t);
            data.extend_from_slice(f2.to_be_bytes().get(8 - w2..).unwrap_or_default());
            data.extend_from_slice(f3.to_be_bytes().get(8 - w3..).unwrap_or_default());
        }
    }
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XRef".to_vec()));
    dict.set("Size", Object::Integer(i64::from(id) + 1));
    let int = |v: usize| Object::Integer(v as i64);
    dict.set("W", Object::Array(vec![int(1), int(w2), int(w3)]));
    if sections != [(0, id as usize + 1)] {
        let index = sections
            .iter()
            .flat_map(|&(s, c)| [int(s), int(c)])
            .collect();
        dict.set("Index", Object::Array(index));
    }
    for (key, value) in doc.trailer.iter() {
        let own = [
            &b"Type"[..],
            b"Size",
            b"W",
            b"Index",
            b"Prev",
            b"XRefStm",
            b"Length",
            b"Filter",
            b"DecodeParms",
        ];
        if !own.contains(&key.as_slice()) {
            dict.set(key.clone(), value.clone());
        }
    }
    stream(out, id, dict, &data);
}

/// Writes object `id` as a stream of `data`, deflated.
fn stream(out: &mut Vec<u8>, id: u32, mut dict: Dictionary, data: &[u8]) {
    let packed = deflate_bytes(data);
    let content = match &packed {
        Some(p) => {
            dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            p.as_slice()
        }
        None => data,
    };
    dict.set("Length", Object::Integer(content.len() as i64));
    header(out, (id, 0));
    dictionary(out, &dict);
    out.extend_from_slice(b"stream\n");
    out.extend_from_slice(content);
    out.extend_from_slice(b"\nendstream\nendobj\n");
}

fn header(out: &mut Vec<u8>, (id, generation): ObjectId) {
    out.extend_from_slice(itoa::Buffer::new().format(id).as_bytes());
    out.push(b' ');
    out.extend_from_slice(itoa::Buffer::new().format(generation).as_bytes());
    out.extend_from_slice(b" obj\n");
}

fn indirect(out: &mut Vec<u8>, id: ObjectId, object: &Object) {
    header(out, id);
    object_bytes(out, object);
    out.extend_from_slice(b"\nendobj\n");
}

/// About the bytes `object` takes, to size the output once.
fn size_hint(object: &Object) -> usize {
    match object {
        Object::Stream(s) => s.content.len() + 128,
        _ => 64,
    }
}

fn type_name(object: &Object) -> Option<&[u8]> {
    let dict = match object {
        Object::Dictionary(d) => d,
        Object::Stream(s) => &s.dict,
        _ => return None,
    };
    dict.get(b"Type").and_then(Object::as_name).ok()
}

/// Whether `object` must be parted by white space from a token before it.
fn needs_space(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

fn object_bytes(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(i) => out.extend_from_slice(itoa::Buffer::new().format(*i).as_bytes()),
        // Display never uses an exponent, which PDF does not allow.
        Object::Real(r) => {
            let _ = write!(out, "{r}");
        }
        Object::Name(name) => write_name(out, name),
        Object::String(text, StringFormat::Literal) => literal(out, text),
        Object::String(text, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for b in text {
                out.extend_from_slice(&hex(*b));
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 && needs_space(item) {
                    out.push(b' ');
                }
                object_bytes(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => dictionary(out, dict),
        Object::Stream(s) => {
            let mut dict = s.dict.clone();
            dict.set("Length", Object::Integer(s.content.len() as i64));
            dictionary(out, &dict);
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(&s.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((id, generation)) => {
            out.extend_from_slice(itoa::Buffer::new().format(*id).as_bytes());
            out.push(b' ');
            out.extend_from_slice(itoa::Buffer::new().format(*generation).as_bytes());
            out.extend_from_slice(b" R");
        }
    }
}

fn dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        write_name(out, key);
        if needs_space(value) {
            out.push(b' ');
        }
        object_bytes(out, value);
    }
    out.extend_from_slice(b">>");
}

/// A name, with white space, delimiters, `#` and bytes outside `!`..`~`
/// written as `#xx` (ISO 32000-1, 7.3.5).
fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if b"()<>[]{}/%#".contains(&b) || !(b'!'..=b'~').contains(&b) {
            out.push(b'#');
            out.extend_from_slice(&hex(b));
        } else {
            out.push(b);
        }
    }
}

/// A literal string: `\`, both parentheses and carriage returns escaped,
/// whether balanced or not, so no reader can misjudge where it ends.
fn literal(out: &mut Vec<u8>, text: &[u8]) {
    out.push(b'(');
    for &b in text {
        match b {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
    out.push(b')');
}

fn hex(b: u8) -> [u8; 2] {
    let digit = |n: u8| if n < 10 { b'0' + n } else { b'A' + n - 10 };
    [digit(b >> 4), digit(b & 15)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn doc() -> Document {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let font = doc.add_object(dictionary! { "Type" => "Font", "BaseFont" => "A#B C" });
        let content = doc.add_object(lopdf::Stream::new(dictionary! {}, b"BT ET".to_vec()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 595.5.into(), 842.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
            }),
        );
        let info = doc.add_object(dictionary! {
            "Title" => Object::String(b"a (b) c\\ d) \r".to_vec(), StringFormat::Literal),
            "Hex" => Object::String(vec![0xFE, 0xFF, 0, 0x41], StringFormat::Hexadecimal),
        });
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        doc.trailer.set("Info", info);
        doc
    }

    #[test]
    fn lopdf_reads_back_every_object() {
        let original = doc();
        let bytes = save(&original);
        let read = Document::load_mem(&bytes).unwrap();
        for (id, object) in &original.objects {
            let back = read.get_object(*id).unwrap();
            match (object, back) {
                (Object::Stream(a), Object::Stream(b)) => {
                    assert_eq!(
                        a.decompressed_content().unwrap_or(a.content.clone()),
                        b.decompressed_content().unwrap()
                    );
                }
                (a, b) => assert_eq!(format!("{a:?}"), format!("{b:?}")),
            }
        }
        let info = read.trailer.get(b"Info").unwrap().as_reference().unwrap();
        let title = read.get_dictionary(info).unwrap().get(b"Title").unwrap();
        assert_eq!(title.as_str().unwrap(), b"a (b) c\\ d) \r");
        assert_eq!(read.get_pages().len(), 1);
    }

    #[test]
    fn names_escape_delimiters_and_spaces() {
        let mut out = Vec::new();
        write_name(&mut out, b"A#B C/(x)\x80");
        assert_eq!(out, b"/A#23B#20C#2F#28x#29#80");
    }

    #[test]
    fn the_same_document_gives_the_same_bytes() {
        assert_eq!(save(&doc()), save(&doc()));
    }
}
