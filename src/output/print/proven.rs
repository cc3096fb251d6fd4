//! The colours of a print file proven from the laid-out pages, before the PDF exists.
//!
//! The [`audit`](super::audit) parses the finished PDF and scans every object and
//! content stream: 2 ms for the sample, 20 ms for 100 pages. For a build with the
//! shipped layouts and no photos the pages themselves already say what the PDF will
//! hold, because Typst's PDF export maps each paint to one PDF colour: a solid CMYK
//! colour to DeviceCMYK, an opaque gray to DeviceGray, a spot colour to a Separation
//! with its process fallback, anything else (RGB, Oklab, HSL…, gradients, tilings,
//! transparency) to RGB or ICC-based colour. So the pages are walked instead: every
//! text and shape paint must be an opaque gray, a CMYK colour that is not a rich black,
//! or a named spot colour with such a fallback; no image may be placed; no glyph may come
//! from a colour font (COLR, SVG, sbix, CBDT tables: the export draws those in RGB).
//! Where the walk finds anything else, the build audits the PDF as before.
//!
//! The proof holds only together with the tests that audit every issue under `issues/`
//! with the shipped layouts and find that the walk and the audit agree (the trim, bleed,
//! crop marks and PDF/X output intent are added by our own code, [`super::finish`]).

use typst::layout::{Frame, FrameItem};
use typst::text::FontInstance;
use typst::visualize::{
    Color, FixedStroke, Paint, ProcessColor, ProcessColorSpace, SpotColorantName,
};
use typst_layout::PagedDocument;

/// Why the colours of these pages cannot be proven print-safe without auditing the
/// PDF, or `None` when they are proven: every paint is one the audit passes.
pub fn unproven(doc: &PagedDocument) -> Option<String> {
    doc.pages()
        .iter()
        .enumerate()
        .find_map(|(i, page)| in_frame(&page.frame).map(|why| format!("page {}: {why}", i + 1)))
}

/// The first paint, image or colour glyph in a frame (and the frames it holds) that
/// the audit would have to look at.
pub(crate) fn in_frame(frame: &Frame) -> Option<String> {
    frame.items().find_map(|(_, item)| match item {
        FrameItem::Group(g) => in_frame(&g.frame),
        FrameItem::Text(t) => colour_font(&t.font)
            .or_else(|| in_paint(&t.fill, "text"))
            .or_else(|| in_stroke(t.stroke.as_ref(), "text")),
        FrameItem::Shape(s, _) => s
            .fill
            .as_ref()
            .and_then(|p| in_paint(p, "a shape"))
            .or_else(|| in_stroke(s.stroke.as_ref(), "a shape")),
        FrameItem::Image(..) => Some("an image".into()),
        FrameItem::Link(..) | FrameItem::Tag(_) => None,
    })
}

fn in_stroke(stroke: Option<&FixedStroke>, what: &str) -> Option<String> {
    stroke.and_then(|s| in_paint(&s.paint, what))
}

fn in_paint(paint: &Paint, what: &str) -> Option<String> {
    let Paint::Solid(colour) = paint else {
        return Some(format!("{what} painted with a gradient or tiling"));
    };
    match colour {
        Color::Process(c) => in_process(*c, what),
        Color::Spot(s) => match &s.colorant.name {
            Some(SpotColorantName::Custom(_)) => in_process(s.colorant.fallback, what),
            // The colorant of every plate (registration): never for text or rules.
            _ => Some(format!("{what} in the spot colour of every plate")),
        },
    }
}

/// A process colour as the export writes it: components rounded to bytes.
fn in_process(colour: ProcessColor, what: &str) -> Option<String> {
    let [c, m, y, last] = colour.to_vec4_u8();
    match colour.space() {
        // Opaque gray is DeviceGray (`last` is the alpha); with an alpha the export
        // adds transparency.
        ProcessColorSpace::D65Gray if last == 255 => None,
        // Rich black: more than half K (`last`) with any C, M or Y; the audit's rule for
        // text and rules, which also covers its "black text not K only".
        ProcessColorSpace::Cmyk if last > 127 && u16::from(c) + u16::from(m) + u16::from(y) > 0 => {
            Some(format!("{what} in rich black"))
        }
        ProcessColorSpace::Cmyk => None,
        space => Some(format!("{what} in {space:?} colour")),
    }
}

/// A font whose glyphs the export may draw in colour.
fn colour_font(font: &FontInstance) -> Option<String> {
    let t = font.ttf().tables();
    (t.colr.is_some() || t.svg.is_some() || t.sbix.is_some() || t.cbdt.is_some())
        .then(|| format!("text in the colour font {}", font.info().family))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use typst::layout::{Abs, Point, Size};
    use typst::syntax::Span;
    use typst::visualize::{Cmyk, Geometry, Luma, Rgb, SpotColor, SpotColorant, SpotColorantName};

    use super::*;

    fn cmyk(c: f32, m: f32, y: f32, k: f32) -> Color {
        Color::Process(ProcessColor::Cmyk(Cmyk { c, m, y, k }))
    }

    fn gray(l: f32, alpha: f32) -> Color {
        Color::Process(ProcessColor::Luma(Luma::new(l, alpha)))
    }

    /// A page with a rule filled and one stroked in these colours, the stroked one in a
    /// group.
    fn page(fill: &Color, stroke: &Color) -> Frame {
        let size = Size::new(Abs::pt(100.0), Abs::pt(1.0));
        let mut inner = Frame::soft(size);
        inner.push(
            Point::zero(),
            FrameItem::Shape(
                Geometry::Rect(size).stroked(FixedStroke::from_pair(stroke.clone(), Abs::pt(1.0))),
                Span::detached(),
            ),
        );
        let mut frame = Frame::soft(size);
        frame.push(
            Point::zero(),
            FrameItem::Shape(Geometry::Rect(size).filled(fill.clone()), Span::detached()),
        );
        frame.push_frame(Point::zero(), inner);
        frame
    }

    fn spot(name: Option<SpotColorantName>, fallback: Color) -> Color {
        let Color::Process(fallback) = fallback else {
            unreachable!()
        };
        Color::Spot(SpotColor::new(
            Arc::new(SpotColorant { name, fallback }),
            typst::layout::Ratio::one(),
        ))
    }

    #[test]
    fn cmyk_k_only_black_opaque_gray_and_named_spots_are_proven() {
        let red = cmyk(0.0, 1.0, 1.0, 0.0);
        let black = cmyk(0.0, 0.0, 0.0, 1.0);
        assert_eq!(in_frame(&page(&red, &black)), None);
        assert_eq!(in_frame(&page(&gray(0.0, 1.0), &black)), None);
        let pantone = spot(
            Some(SpotColorantName::Custom("PANTONE 485 C".into())),
            red.clone(),
        );
        assert_eq!(in_frame(&page(&pantone, &black)), None);
    }

    #[test]
    fn what_the_export_would_write_in_rgb_or_rich_black_is_not_proven() {
        let black = cmyk(0.0, 0.0, 0.0, 1.0);
        let rgb = Color::Process(ProcessColor::Rgb(Rgb::new(0.8, 0.0, 0.0, 1.0)));
        let why = |fill, stroke| in_frame(&page(&fill, &stroke)).unwrap_or_default();
        assert!(why(rgb.clone(), black.clone()).contains("Srgb"));
        // In the group, stroked.
        assert!(why(black.clone(), rgb.clone()).contains("Srgb"));
        assert!(why(black.clone(), cmyk(0.4, 0.4, 0.4, 1.0)).contains("rich black"));
        // Just past half K with a trace of cyan: the audit's rich black too.
        assert!(why(cmyk(0.01, 0.0, 0.0, 0.51), black.clone()).contains("rich black"));
        // A dark blue under half K is a colour, not a black.
        assert_eq!(in_frame(&page(&cmyk(1.0, 0.8, 0.0, 0.4), &black)), None);
        assert!(why(gray(0.0, 0.5), black.clone()).contains("D65Gray"));
        let red = cmyk(0.0, 1.0, 1.0, 0.0);
        assert!(why(spot(None, red.clone()), black.clone()).contains("every plate"));
        let on_rgb = spot(Some(SpotColorantName::Custom("Red".into())), rgb);
        assert!(why(on_rgb, black.clone()).contains("Srgb"));
    }
}
