//! Thumbnails of item pictures: a picture fetched from an order's `image_url` is known by
//! its first bytes (PNG, JPEG, WebP or GIF), decoded within limits (a small file may claim
//! a huge canvas), fitted within [`THUMBNAIL_PX`] square keeping its shape, and encoded
//! again, so what wismo serves is an image it made itself, whatever the merchant's host sent.
//!
//! Encoded as JPEG (quality 80) when every pixel is opaque: item pictures are photos, and
//! a 192 px photo is a few KB as JPEG where lossless PNG or WebP (the only WebP the
//! `image` crate writes) is several times that. A picture with transparency (a cut-out on
//! no background) stays PNG, so it keeps its shape on the page's own background.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use std::io::Cursor;
use wismo_store::ItemImage;

/// The largest picture read from a merchant's host.
pub const MAX_ITEM_IMAGE_BYTES: usize = 2 * 1024 * 1024;
/// The longest side of a thumbnail: 96 CSS pixels on the page, twice that for sharp screens.
pub const THUMBNAIL_PX: u32 = 192;
/// The largest canvas decoded, each way.
const MAX_SIDE: u32 = 8192;
/// The most memory a decode may take.
const MAX_DECODE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a picture gives no thumbnail.
#[derive(Debug, thiserror::Error)]
pub enum ThumbnailError {
    #[error("not a PNG, JPEG, WebP or GIF image")]
    NotAnImage,
    #[error("the image cannot be read: {0}")]
    Decode(#[from] image::ImageError),
}

/// The thumbnail of the picture `bytes`.
pub fn thumbnail(bytes: &[u8]) -> Result<ItemImage, ThumbnailError> {
    let format = match crate::logo::image_type(bytes) {
        Some("image/png") => ImageFormat::Png,
        Some("image/jpeg") => ImageFormat::Jpeg,
        Some("image/webp") => ImageFormat::WebP,
        Some("image/gif") => ImageFormat::Gif,
        _ => return Err(ThumbnailError::NotAnImage),
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    let picture = reader.decode()?;
    let small = if picture.width() > THUMBNAIL_PX || picture.height() > THUMBNAIL_PX {
        picture.thumbnail(THUMBNAIL_PX, THUMBNAIL_PX)
    } else {
        picture
    };
    encode(&small)
}

fn encode(image: &DynamicImage) -> Result<ItemImage, ThumbnailError> {
    let mut bytes = Vec::new();
    let opaque = !image.color().has_alpha() || image.to_rgba8().pixels().all(|p| p.0[3] == 255);
    let content_type = if opaque {
        image
            .to_rgb8()
            .write_with_encoder(JpegEncoder::new_with_quality(&mut bytes, 80))?;
        "image/jpeg"
    } else {
        image
            .to_rgba8()
            .write_with_encoder(PngEncoder::new(&mut bytes))?;
        "image/png"
    };
    Ok(ItemImage {
        content_type: content_type.to_owned(),
        bytes,
        width: image.width(),
        height: image.height(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage, Rgba, RgbaImage};

    fn png(image: DynamicImage) -> Vec<u8> {
        let mut bytes = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
            .unwrap();
        bytes
    }

    #[test]
    fn a_large_photo_becomes_a_jpeg_within_192_px_keeping_its_shape() {
        let photo = RgbImage::from_pixel(800, 400, Rgb([200, 30, 30]));
        let thumb = thumbnail(&png(photo.into())).unwrap();
        assert_eq!(thumb.content_type, "image/jpeg");
        assert_eq!((thumb.width, thumb.height), (192, 96));
        let back = image::load_from_memory(&thumb.bytes).unwrap();
        assert_eq!((back.width(), back.height()), (192, 96));
    }

    #[test]
    fn a_picture_with_transparency_stays_png_and_a_small_one_keeps_its_size() {
        let cutout = RgbaImage::from_pixel(40, 60, Rgba([0, 0, 0, 0]));
        let thumb = thumbnail(&png(cutout.into())).unwrap();
        assert_eq!(thumb.content_type, "image/png");
        assert_eq!((thumb.width, thumb.height), (40, 60));
    }

    #[test]
    fn what_is_not_an_image_or_is_broken_gives_no_thumbnail() {
        assert!(matches!(
            thumbnail(b"<svg onload=alert(1)>"),
            Err(ThumbnailError::NotAnImage)
        ));
        let mut cut = png(RgbImage::new(50, 50).into());
        cut.truncate(40);
        assert!(thumbnail(&cut).is_err());
    }

    #[test]
    fn a_small_file_with_a_canvas_past_the_limits_is_not_decoded() {
        // A few hundred bytes that would decode to a 9000 px wide picture.
        let wide = png(RgbImage::new(MAX_SIDE + 808, 1).into());
        assert!(wide.len() < 1024);
        assert!(matches!(
            thumbnail(&wide),
            Err(ThumbnailError::Decode(image::ImageError::Limits(_)))
        ));
    }
}
