//! The process's shaped words and shape plans, shared by every render: a batch or a server shapes the same words and builds the same plans again and again.
//!
//! Shaping a run depends only on the face, the direction and the text (the
//! script comes from the text, the size only scales the result), so a word
//! shaped for one resume is the same glyphs for the next. Browsers keep such
//! a word cache for the same reason. Faces are known by their `uid`, which
//! no other face of the process shares. Both caches are bounded: when full,
//! they start over, which costs the next renders some shaping and changes
//! no output.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use rustc_hash::FxHashMap;

use super::Unshaped;

/// A shaped run, in font units.
pub type Shaped = Arc<[Unshaped]>;

/// Plans by face uid, direction (true: RTL) and script.
pub type PlanKey = (u64, bool, rustybuzz::Script);

/// About the memory the words may take before the cache starts over: some
/// 40,000 words, far more than a language's common words and names.
const MAX_WORD_BYTES: usize = 12 << 20;

/// Plans kept before the cache starts over: a face and script each, so only
/// a process that loads new `--font-dir` faces again and again (`--watch`)
/// ever gets there.
const MAX_PLANS: usize = 512;

#[derive(Default)]
struct Words {
    /// By face uid and direction, then text.
    runs: FxHashMap<(u64, bool), FxHashMap<Box<str>, Shaped>>,
    bytes: usize,
}

fn words() -> MutexGuard<'static, Words> {
    static WORDS: OnceLock<Mutex<Words>> = OnceLock::new();
    WORDS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
}

fn plans() -> MutexGuard<'static, BTreeMap<PlanKey, Arc<rustybuzz::ShapePlan>>> {
    static PLANS: OnceLock<Mutex<BTreeMap<PlanKey, Arc<rustybuzz::ShapePlan>>>> = OnceLock::new();
    PLANS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
}

/// The run `text` of face `uid` in direction `rtl`, shaped by `shape` if no
/// render has shaped it yet. `shape` runs without the lock held.
pub fn word(uid: u64, rtl: bool, text: &str, shape: impl FnOnce() -> Vec<Unshaped>) -> Shaped {
    if let Some(found) = words()
        .runs
        .get(&(uid, rtl))
        .and_then(|m| m.get(text))
        .cloned()
    {
        return found;
    }
    let shaped: Shaped = shape().into();
    let cost = 64 + text.len() + std::mem::size_of_val::<[Unshaped]>(&shaped);
    let mut cache = words();
    if cache.bytes + cost > MAX_WORD_BYTES {
        *cache = Words::default();
    }
    cache.bytes += cost;
    cache
        .runs
        .entry((uid, rtl))
        .or_default()
        .insert(text.into(), Arc::clone(&shaped));
    shaped
}

/// The plan for `key`, built by `build` if no render has built it yet.
pub fn plan(
    key: PlanKey,
    build: impl FnOnce() -> rustybuzz::ShapePlan,
) -> Arc<rustybuzz::ShapePlan> {
    if let Some(found) = plans().get(&key).cloned() {
        return found;
    }
    let built = Arc::new(build());
    let mut cache = plans();
    if cache.len() >= MAX_PLANS {
        cache.clear();
    }
    cache.insert(key, Arc::clone(&built));
    built
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two tests share the process's cache: one empties it.
    static SERIAL: Mutex<()> = Mutex::new(());

    fn unit(gid: u16) -> Unshaped {
        Unshaped {
            gid,
            advance: 500,
            x_offset: 0,
            y_offset: 0,
            joined: false,
            text: "a".into(),
        }
    }

    #[test]
    fn a_word_is_shaped_once_per_face_and_direction() {
        let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
        // A uid no real face has: the test's entries cannot meet a render's.
        let uid = u64::MAX - 7;
        let first = word(uid, false, "cached", || vec![unit(1), unit(2)]);
        let again = word(uid, false, "cached", || panic!("shaped twice"));
        assert!(Arc::ptr_eq(&first, &again));
        let rtl = word(uid, true, "cached", || vec![unit(3)]);
        assert_eq!(rtl.len(), 1);
        let other_face = word(uid - 1, false, "cached", || vec![unit(4)]);
        assert_eq!(other_face.first().map(|u| u.gid), Some(4));
    }

    #[test]
    fn the_cache_starts_over_when_full() {
        let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
        let uid = u64::MAX - 8;
        let long = "x".repeat(MAX_WORD_BYTES / 2);
        word(uid, false, &long, Vec::new);
        word(uid, false, "second", Vec::new);
        // Over the bound: the cache was emptied before this one went in.
        word(uid, false, &format!("{long}y"), Vec::new);
        assert!(words().bytes <= MAX_WORD_BYTES);
        let mut shaped = false;
        word(uid, false, "second", || {
            shaped = true;
            Vec::new()
        });
        assert!(shaped, "an entry from before the reset was kept");
    }
}
