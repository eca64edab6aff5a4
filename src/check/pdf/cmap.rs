//! CMaps as PDF fonts carry them: code space ranges, `bfchar`/`bfrange` (ToUnicode) and `cidchar`/`cidrange`.
//!
//! Written here rather than taken from lopdf: lopdf's ToUnicode type is not
//! public, it expands every range into a reverse map (a hostile
//! `<00000000> <FFFFFFFF>` range would take billions of steps) and it panics
//! on an empty destination string. This one keeps ranges as ranges and
//! bounds the number of entries it reads.

use std::collections::BTreeMap;

/// At most this many mappings are read from one CMap; the rest are ignored.
const MAX_ENTRIES: usize = 200_000;

/// What a code maps to.
#[derive(Debug, Clone)]
enum Target {
    /// UTF-16 code units; in a range the last unit counts up from the range start.
    Units(Vec<u16>),
    /// One destination per code of the range.
    Array(Vec<Vec<u16>>),
    /// A CID; in a range it counts up from the range start.
    Cid(u32),
}

/// A parsed CMap.
#[derive(Debug, Clone, Default)]
pub struct CMap {
    /// Code space ranges: (low, high) byte strings of the same length.
    pub codespace: Vec<(Vec<u8>, Vec<u8>)>,
    /// (code length, first code) → (last code, target).
    ranges: BTreeMap<(u8, u32), (u32, Target)>,
}

/// A token of CMap syntax.
#[derive(Debug, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Int(i64),
    Open,
    Close,
    Word(Vec<u8>),
}

fn tokens(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = data.get(i) {
        match c {
            b'%' => {
                while data.get(i).is_some_and(|&c| c != b'\n' && c != b'\r') {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => {
                out.push(Token::Word(b"<<".to_vec()));
                i += 2;
            }
            b'>' if data.get(i + 1) == Some(&b'>') => {
                out.push(Token::Word(b">>".to_vec()));
                i += 2;
            }
            b'<' => {
                let mut digits = Vec::new();
                i += 1;
                while let Some(&c) = data.get(i) {
                    i += 1;
                    if c == b'>' {
                        break;
                    }
                    if let Some(d) = (c as char).to_digit(16) {
                        digits.push(d as u8);
                    }
                }
                if digits.len() % 2 == 1 {
                    digits.push(0);
                }
                out.push(Token::Hex(
                    digits
                        .chunks(2)
                        .map(|p| p.iter().fold(0u8, |a, d| a * 16 + d))
                        .collect(),
                ));
            }
            b'[' => {
                out.push(Token::Open);
                i += 1;
            }
            b']' => {
                out.push(Token::Close);
                i += 1;
            }
            b'(' => {
                // Literal strings (rare in CMaps): skipped with their nesting.
                let mut depth = 0usize;
                while let Some(&c) = data.get(i) {
                    i += 1;
                    match c {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                out.push(Token::Word(b"()".to_vec()));
            }
            c if c.is_ascii_whitespace() || c == 0 => i += 1,
            _ => {
                let start = i;
                while data
                    .get(i)
                    .is_some_and(|&c| !c.is_ascii_whitespace() && !b"<>[]()%/".contains(&c))
                {
                    i += 1;
                }
                if i == start {
                    // A lone delimiter such as `/`: a name follows.
                    i += 1;
                    continue;
                }
                let word = data.get(start..i).unwrap_or_default();
                match std::str::from_utf8(word).ok().and_then(|s| s.parse().ok()) {
                    Some(n) => out.push(Token::Int(n)),
                    None => out.push(Token::Word(word.to_vec())),
                }
            }
        }
    }
    out
}

/// A code as a number (at most 4 bytes are used).
fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(0u32, |a, &b| a.wrapping_shl(8) | u32::from(b))
}

fn units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|p| {
            u16::from_be_bytes([
                p.first().copied().unwrap_or(0),
                p.get(1).copied().unwrap_or(0),
            ])
        })
        .collect()
}

impl CMap {
    /// Parses CMap text. Never fails: what cannot be read is left out.
    pub fn parse(data: &[u8]) -> CMap {
        let toks = tokens(data);
        let mut map = CMap::default();
        let mut entries = 0usize;
        let mut i = 0;
        while let Some(t) = toks.get(i) {
            i += 1;
            let Token::Word(w) = t else { continue };
            match w.as_slice() {
                b"begincodespacerange" => {
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        if lo.len() == hi.len() && (1..=4).contains(&lo.len()) {
                            map.codespace.push((lo.clone(), hi.clone()));
                        }
                        i += 2;
                    }
                }
                b"beginbfchar" | b"begincidchar" => {
                    let cid = w.as_slice() == b"begincidchar";
                    while let (Some(Token::Hex(src)), Some(dst)) = (toks.get(i), toks.get(i + 1)) {
                        let target = match (dst, cid) {
                            (Token::Hex(d), false) => Target::Units(units(d)),
                            (Token::Int(n), true) => Target::Cid(u32::try_from(*n).unwrap_or(0)),
                            _ => break,
                        };
                        i += 2;
                        if entries < MAX_ENTRIES {
                            map.insert(src, src, target);
                            entries += 1;
                        }
                    }
                }
                b"beginbfrange" | b"begincidrange" => {
                    let cid = w.as_slice() == b"begincidrange";
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        i += 2;
                        let target = match toks.get(i) {
                            Some(Token::Hex(d)) if !cid => {
                                i += 1;
                                Target::Units(units(d))
                            }
                            Some(Token::Int(n)) if cid => {
                                i += 1;
                                Target::Cid(u32::try_from(*n).unwrap_or(0))
                            }
                            Some(Token::Open) if !cid => {
                                i += 1;
                                let mut items = Vec::new();
                                while let Some(Token::Hex(d)) = toks.get(i) {
                                    if items.len() < MAX_ENTRIES {
                                        items.push(units(d));
                                    }
                                    i += 1;
                                }
                                if toks.get(i) == Some(&Token::Close) {
                                    i += 1;
                                }
                                Target::Array(items)
                            }
                            _ => break,
                        };
                        if entries < MAX_ENTRIES {
                            map.insert(lo, hi, target);
                            entries += 1;
                        }
                    }
                }
                _ => {}
            }
        }
        map
    }

    fn insert(&mut self, lo: &[u8], hi: &[u8], target: Target) {
        let len = lo.len();
        if len == 0 || len > 4 || hi.len() != len {
            return;
        }
        let (lo, hi) = (code_of(lo), code_of(hi));
        if hi < lo {
            return;
        }
        self.ranges.insert((len as u8, lo), (hi, target));
    }

    /// Whether any code maps to something.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    fn find(&self, code: u32, len: u8) -> Option<(u32, &Target)> {
        let ((l, lo), (hi, target)) = self.ranges.range(..=(len, code)).next_back()?;
        (*l == len && code <= *hi).then_some((code - lo, target))
    }

    /// The text of a code of `len` bytes (ToUnicode), if mapped.
    pub fn unicode(&self, code: u32, len: u8) -> Option<String> {
        let (offset, target) = self.find(code, len)?;
        let units = match target {
            Target::Units(u) => {
                let mut u = u.clone();
                let last = u.last_mut()?;
                *last = last.wrapping_add(u16::try_from(offset).unwrap_or(0));
                u
            }
            Target::Array(items) => items.get(usize::try_from(offset).ok()?)?.clone(),
            Target::Cid(_) => return None,
        };
        let text: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        Some(text)
    }

    /// The CID of a code (an encoding CMap), if mapped.
    pub fn cid(&self, code: u32, len: u8) -> Option<u32> {
        match self.find(code, len)? {
            (offset, Target::Cid(c)) => Some(c.wrapping_add(offset)),
            _ => None,
        }
    }

    /// The byte length of the code at the start of `bytes` by the code space
    /// ranges; `None` when the map declares none.
    pub fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        if self.codespace.is_empty() {
            return None;
        }
        for (lo, hi) in &self.codespace {
            let Some(code) = bytes.get(..lo.len()) else {
                continue;
            };
            if code
                .iter()
                .zip(lo)
                .zip(hi)
                .all(|((c, l), h)| l <= c && c <= h)
            {
                return Some(lo.len());
            }
        }
        // Outside every range: as long as the shortest range (PDF 9.7.6.3).
        self.codespace.iter().map(|(lo, _)| lo.len()).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        1 begincodespacerange <0000> <FFFF> endcodespacerange
        2 beginbfchar <0003> <0020> <0011> <00660069> endbfchar
        2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<0078> <D83DDE00>] endbfrange
        endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn chars_ranges_and_arrays_map() {
        let m = CMap::parse(TO_UNICODE);
        assert_eq!(m.unicode(3, 2).as_deref(), Some(" "));
        assert_eq!(m.unicode(0x11, 2).as_deref(), Some("fi"));
        assert_eq!(m.unicode(0x25, 2).as_deref(), Some("B"));
        assert_eq!(m.unicode(0x31, 2).as_deref(), Some("😀"));
        assert_eq!(m.unicode(0x27, 2), None);
        assert_eq!(m.unicode(0x24, 1), None);
        assert_eq!(m.code_len(&[0, 3]), Some(2));
    }

    #[test]
    fn hostile_maps_are_cheap_and_harmless() {
        let m = CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <> endbfrange <<");
        assert_eq!(m.unicode(7, 4).as_deref(), None);
        let m = CMap::parse(b"beginbfchar <41> <> <42");
        assert_eq!(m.unicode(0x41, 1), None);
        let m = CMap::parse(b"1 begincidrange <00> <ff> 10 endcidrange");
        assert_eq!(m.cid(5, 1), Some(15));
    }
}
