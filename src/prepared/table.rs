//! The form of a prepared catalogue ([`super::nl`], [`super::en`]).

/// A prepared catalogue: every id and its text in one string, and per entry where its id starts,
/// where its text starts (the id's end) and where the text ends, sorted by id. Offsets rather
/// than a table of string slices: the binary then holds no pointer per text that the loader
/// would have to relocate at every start.
pub struct Table {
    pub text: &'static str,
    pub index: &'static [(u32, u32, u32)],
}

impl Table {
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The id and text of entry `i`.
    pub fn entry(&self, i: usize) -> (&'static str, &'static str) {
        let (start, split, end) = self.index[i];
        (&self.text[start as usize..split as usize], &self.text[split as usize..end as usize])
    }

    /// The text of an id, by binary search.
    pub fn get(&self, id: &str) -> Option<&'static str> {
        let i = self.index.binary_search_by(|&(start, split, _)| self.text[start as usize..split as usize].cmp(id)).ok()?;
        Some(self.entry(i).1)
    }

    /// Every id, in order.
    pub fn ids(&self) -> impl Iterator<Item = &'static str> + '_ {
        (0..self.len()).map(|i| self.entry(i).0)
    }
}
