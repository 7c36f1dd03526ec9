//! GB/T 9704-2012 page geometry in points, measured from the top-left corner of an A4 page.

pub const MM: f32 = 72.0 / 25.4;
pub const PAGE_W: f32 = 210.0 * MM;
pub const PAGE_H: f32 = 297.0 * MM;
pub const BLOCK_LEFT: f32 = 28.0 * MM;
pub const BLOCK_TOP: f32 = 37.0 * MM;
pub const BLOCK_W: f32 = 156.0 * MM;
pub const BLOCK_H: f32 = 225.0 * MM;
pub const BLOCK_BOTTOM: f32 = BLOCK_TOP + BLOCK_H;
pub const BLOCK_RIGHT: f32 = BLOCK_LEFT + BLOCK_W;

pub const CHARS_PER_LINE: u32 = 28;
pub const LINES_PER_PAGE: u32 = 22;
/// Width of one grid cell: 156 mm / 28 ≈ 15.79 pt.
pub const CELL: f32 = BLOCK_W / CHARS_PER_LINE as f32;
/// Half a cell: the unit of the line breaker (Latin letters and digits take one).
pub const HALF: f32 = CELL / 2.0;
/// Line pitch: 225 mm / 22 ≈ 28.99 pt.
pub const PITCH: f32 = BLOCK_H / LINES_PER_PAGE as f32;

/// 2号, 3号, 4号 in points.
pub const SIZE_2: f32 = 22.0;
pub const SIZE_3: f32 = 16.0;
pub const SIZE_4: f32 = 14.0;

/// Where the baseline of an ideographic em box sits below its top (CJK fonts put the em box
/// from −0.12 em to 0.88 em).
pub const EM_ASCENT: f32 = 0.88;

/// Baseline (from the page top) of text of `size` on grid line `line` (0-based), the em box
/// centred in the line's band.
pub fn grid_baseline(line: u32, size: f32) -> f32 {
    BLOCK_TOP + line as f32 * PITCH + (PITCH - size) / 2.0 + EM_ASCENT * size
}

/// Top of grid line `line`'s band, from the page top.
pub fn grid_top(line: u32) -> f32 {
    BLOCK_TOP + line as f32 * PITCH
}
