//! QR codes drawn at build time as inline SVG. Printed flyers and wallet cards
//! carry one to their region's page, so a phone camera opens it without typing
//! the address. The `qrcode` crate encodes; this module only draws the dark
//! modules as one SVG path (one rectangle per horizontal run), in module units,
//! inside the four-module quiet zone scanners need.

use std::fmt::Write;

use qrcode::types::QrError;
use qrcode::{Color, EcLevel, QrCode};

use crate::html::escape_html;

/// Light modules a scanner needs around the code, on every side.
const QUIET_ZONE: usize = 4;

/// An `<svg>` element holding `data`'s QR code, with `label` as its text
/// alternative. Medium error correction survives a crease or a smudge.
pub fn svg(data: &str, label: &str) -> Result<String, QrError> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)?;
    let size = code.width() + 2 * QUIET_ZONE;
    Ok(format!(
        r##"<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" aria-label="{}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path d="{}"/></svg>"##,
        escape_html(label),
        dark_path(&code)
    ))
}

/// `M x y h w v 1 h -w z` for each horizontal run of dark modules.
fn dark_path(code: &QrCode) -> String {
    let width = code.width();
    let mut path = String::new();
    for (y, row) in code.to_colors().chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Light {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] == Color::Dark {
                x += 1;
            }
            let run = x - start;
            // Writing to a String cannot fail.
            let _ = write!(path, "M{} {}h{run}v1h-{run}z", start + QUIET_ZONE, y + QUIET_ZONE);
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The modules a path made by [`dark_path`] paints, read back from it.
    fn painted(path: &str) -> Vec<(usize, usize)> {
        let mut cells = Vec::new();
        for run in path.split('M').filter(|s| !s.is_empty()) {
            let (x, rest) = run.split_once(' ').unwrap();
            let (y, rest) = rest.split_once('h').unwrap();
            let (w, rest) = rest.split_once('v').unwrap();
            assert_eq!(rest, format!("1h-{w}z"), "a run is one module high and closed: {run}");
            let (x, y, w): (usize, usize, usize) = (x.parse().unwrap(), y.parse().unwrap(), w.parse().unwrap());
            cells.extend((x..x + w).map(|x| (x, y)));
        }
        cells.sort();
        cells
    }

    #[test]
    fn the_path_paints_exactly_the_dark_modules_inside_the_quiet_zone() {
        let code =
            QrCode::with_error_correction_level(b"https://faro.example.org/es/ayuda/mx-bcn/", EcLevel::M).unwrap();
        let width = code.width();
        let mut dark: Vec<(usize, usize)> = code
            .to_colors()
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == Color::Dark)
            .map(|(i, _)| (i % width + QUIET_ZONE, i / width + QUIET_ZONE))
            .collect();
        dark.sort();
        assert_eq!(painted(&dark_path(&code)), dark);
    }

    #[test]
    fn the_svg_is_square_labelled_and_escaped() {
        let svg = svg("https://faro.example.org/en/help/us-tx/", "Texas <page>").unwrap();
        let width = QrCode::with_error_correction_level(b"https://faro.example.org/en/help/us-tx/", EcLevel::M)
            .unwrap()
            .width();
        let size = width + 2 * QUIET_ZONE;
        assert!(svg.starts_with("<svg "), "{svg}");
        assert!(svg.contains(&format!(r#"viewBox="0 0 {size} {size}""#)), "{svg}");
        assert!(svg.contains(r#"role="img" aria-label="Texas &lt;page&gt;""#), "{svg}");
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn data_too_long_for_any_code_is_an_error() {
        assert_eq!(svg(&"x".repeat(5000), "too long"), Err(QrError::DataTooLong));
    }
}
