"""Draws the demo's lead picture: a press conference with two lecterns and two flags (an illustration).

Made by the Dateline project with Pillow, no photograph or third-party artwork involved; the
result is committed as ``press-conference.jpg`` beside this file (licence in ``IMAGES.md``).
Run ``python -m dateline.news.demo.illustration`` to draw it again (deterministic).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 900
OUTPUT = Path(__file__).with_name("press-conference.jpg")


def _vertical_gradient(size, top, bottom) -> Image.Image:
    width, height = size
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(1, height - 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    return column.resize(size)


def _flag(draw, x, y, stripes, width=150, height=100, wave=9):
    """A waving flag of horizontal ``stripes`` (colours) hanging from a pole at (x, y)."""
    stripe_h = height / len(stripes)
    for i, colour in enumerate(stripes):
        top = y + i * stripe_h
        points = []
        for step in range(0, width + 1, 10):
            points.append((x + step, top + wave * ((step / width) ** 1.2) * (1 if (step // 50) % 2 else 0.4)))
        for step in range(width, -1, -10):
            points.append(
                (x + step, top + stripe_h + wave * ((step / width) ** 1.2) * (1 if (step // 50) % 2 else 0.4))
            )
        draw.polygon(points, fill=colour)


def _lectern(draw, cx, top, colour, accent):
    draw.polygon([(cx - 120, top), (cx + 120, top), (cx + 95, HEIGHT), (cx - 95, HEIGHT)], fill=colour)
    draw.rectangle([cx - 130, top - 18, cx + 130, top], fill=accent)
    draw.ellipse([cx - 34, top + 70, cx + 34, top + 138], outline=(220, 200, 140), width=5)
    # microphones
    for dx in (-22, 22):
        draw.line([(cx + dx, top - 18), (cx + dx * 2.2, top - 120)], fill=(40, 40, 45), width=6)
        draw.ellipse([cx + dx * 2.2 - 11, top - 138, cx + dx * 2.2 + 11, top - 112], fill=(30, 30, 34))


def draw_illustration() -> Image.Image:
    """Return the illustration as an RGB image of ``WIDTH`` × ``HEIGHT`` pixels."""
    image = _vertical_gradient((WIDTH, HEIGHT), (38, 62, 104), (18, 28, 52))
    draw = ImageDraw.Draw(image)
    # the backdrop: light panels
    for i in range(7):
        x = 70 + i * 220
        draw.rounded_rectangle([x, 60, x + 190, 560], radius=10, fill=(48, 78, 128), outline=(70, 104, 160), width=3)
        draw.ellipse([x + 55, 230, x + 135, 310], outline=(90, 126, 186), width=4)
    # flag poles and flags
    for pole_x, stripes in [
        (520, [(255, 255, 255), (0, 57, 166), (213, 43, 30)]),
        (1000, [(20, 20, 20), (221, 0, 0), (255, 206, 0)]),
    ]:
        draw.rectangle([pole_x - 5, 120, pole_x + 5, 700], fill=(200, 190, 160))
        draw.ellipse([pole_x - 12, 104, pole_x + 12, 128], fill=(220, 200, 120))
        _flag(draw, pole_x + 5, 140, stripes)
    # the floor
    draw.rectangle([0, 680, WIDTH, HEIGHT], fill=(70, 46, 40))
    draw.rectangle([0, 680, WIDTH, 690], fill=(96, 64, 54))
    # two lecterns
    _lectern(draw, 560, 560, (150, 112, 78), (120, 86, 58))
    _lectern(draw, 1040, 560, (150, 112, 78), (120, 86, 58))
    # spotlight glow
    glow = Image.new("L", (WIDTH, HEIGHT), 0)
    ImageDraw.Draw(glow).ellipse([360, 120, 1240, 820], fill=70)
    glow = glow.filter(ImageFilter.GaussianBlur(120))
    image = Image.composite(Image.new("RGB", (WIDTH, HEIGHT), (255, 236, 200)), image, glow)
    return image


def main() -> None:
    """Draw the illustration and save it as ``OUTPUT`` (JPEG, quality 88)."""
    draw_illustration().save(OUTPUT, "JPEG", quality=88, optimize=True, progressive=True)


if __name__ == "__main__":
    main()
