//! Feeding MD5 and HMAC-SHA256 their 64-byte blocks from many small pieces.
//!
//! A `paySign` hashes twelve pieces (`appId=`, the id, `&nonceStr=`, …), most
//! of a few bytes. The `digest` wrappers copy each piece into their block with a
//! `memcpy` call, which in the MVP module copies a byte at a time; iPhones interpret
//! the module instruction by instruction (docs/runtime.md). Here each piece goes into
//! the block in word copies, straight into the hash's core; docs/cuts.md says what
//! that buys.

use md5::digest::block_buffer::{BlockBuffer, Eager};
use md5::digest::core_api::{Block, BlockSizeUser, BufferKindUser, FixedOutputCore, UpdateCore};
use md5::digest::typenum::U64;
use md5::digest::Output;

/// A hash core and the block being filled.
pub(crate) struct Blocks<C: BlockSizeUser<BlockSize = U64>> {
    core: C,
    block: Block<C>,
    filled: usize,
}

impl<C> Blocks<C>
where
    C: UpdateCore + FixedOutputCore + BlockSizeUser<BlockSize = U64> + BufferKindUser<BufferKind = Eager>,
{
    pub(crate) fn new(core: C) -> Self {
        Blocks { core, block: Block::<C>::default(), filled: 0 }
    }

    /// Hashes `piece` next: copies it into the block after its `filled` bytes,
    /// handing every full block to the core.
    pub(crate) fn write(&mut self, mut piece: &[u8]) {
        loop {
            let room = self.block.len() - self.filled;
            if piece.len() < room {
                copy(&mut self.block[self.filled..self.filled + piece.len()], piece);
                self.filled += piece.len();
                return;
            }
            let (now, later) = piece.split_at(room);
            copy(&mut self.block[self.filled..], now);
            self.core.update_blocks(core::slice::from_ref(&self.block));
            self.filled = 0;
            piece = later;
        }
    }

    /// The digest of everything written.
    pub(crate) fn finish(mut self) -> Output<C> {
        // The last, partial block goes through the core's own padding.
        let mut last = BlockBuffer::<U64, Eager>::new(self.block.get(..self.filled).unwrap_or_default());
        let mut out = Output::<C>::default();
        self.core.finalize_fixed_core(&mut last, &mut out);
        out
    }
}

/// `dst.copy_from_slice(src)` (for the common length) for up to one block (64
/// bytes; every caller's pieces fit), in whole words that may overlap (bytes 0..8,
/// 8..16, …, and len-8..len), so that no length needs a loop over single bytes.
/// `copy_from_slice` would call `memcpy`, which copies short slices a byte at a
/// time; so would a plain loop of word copies, which LLVM turns back into a
/// `memcpy` call: the copies here are conditional, which it does not.
pub(crate) fn copy(dst: &mut [u8], src: &[u8]) {
    let n = dst.len().min(src.len());
    debug_assert!(n <= 64, "blocks::copy copies at most 64 bytes");
    if n >= 8 {
        for at in (0..56).step_by(8) {
            if at + 8 < n {
                copy_word::<8>(dst, src, at);
            }
        }
        copy_word::<8>(dst, src, n - 8);
    } else if n >= 4 {
        copy_word::<4>(dst, src, 0);
        copy_word::<4>(dst, src, n - 4);
    } else if n >= 2 {
        copy_word::<2>(dst, src, 0);
        copy_word::<2>(dst, src, n - 2);
    } else if n == 1 {
        dst[0] = src[0];
    }
}

/// Copies the `N` bytes at `at` as one load and one store.
#[inline(always)]
fn copy_word<const N: usize>(dst: &mut [u8], src: &[u8], at: usize) {
    if let (Some(d), Some(s)) = (dst.get_mut(at..at + N), src.get(at..at + N)) {
        if let (Ok(d), Ok(s)) = (<&mut [u8; N]>::try_from(d), <[u8; N]>::try_from(s)) {
            *d = s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use md5::{Digest, Md5, Md5Core};

    #[test]
    fn copy_copies_every_length() {
        let src: Vec<u8> = (1..=64).collect();
        for n in 0..=64 {
            let mut dst = vec![0u8; n];
            copy(&mut dst, &src[..n]);
            assert_eq!(dst, &src[..n], "{n}");
        }
    }

    /// Every split of a message into two, three and many pieces hashes like the whole.
    #[test]
    fn pieces_hash_like_the_whole() {
        let message: Vec<u8> = (0..200u32).map(|i| (i * 7 + 3) as u8).collect();
        for len in [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 200] {
            let whole = Md5::digest(&message[..len]);
            for a in 0..=len {
                for b in [a, (a + len) / 2, len] {
                    let mut blocks = Blocks::new(Md5Core::default());
                    for piece in [&message[..a], &message[a..b], &message[b..len]] {
                        blocks.write(piece);
                    }
                    assert_eq!(blocks.finish(), whole, "{len} split at {a}, {b}");
                }
            }
            let mut blocks = Blocks::new(Md5Core::default());
            message[..len].chunks(3).for_each(|piece| blocks.write(piece));
            assert_eq!(blocks.finish(), whole, "{len} in threes");
        }
    }
}
