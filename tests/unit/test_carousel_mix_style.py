"""Carousel Mix's text style: defaults, the checks on a client's dict, the presets."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lumiku.services.carousel_mix import fonts, style
from lumiku.services.errors import ServiceError


def refused(raw: object) -> ServiceError:
    with pytest.raises(ServiceError) as caught:
        style.parse_style(raw)  # type: ignore[arg-type]
    return caught.value


def test_the_defaults_are_the_briefs():
    s = style.parse_style({})
    assert s == style.TextStyle()
    assert s.to_dict() == {
        "font": "inter",
        "weight": 700,
        "size": 6.0,
        "color": "#FFFFFF",
        "align": "center",
        "x": 50.0,
        "y": 50.0,
        "max_width": 80.0,
        "line_spacing": 1.2,
        "box_color": "#000000",
        "box_opacity": 0,
        "box_padding": 0.5,
        "box_radius": 0.25,
        "outline_width": 0.0,
        "outline_color": "#000000",
        "shadow_x": 0.0,
        "shadow_y": 0.0,
        "shadow_blur": 0.0,
        "shadow_color": "#000000",
        "shadow_opacity": 0,
    }
    assert style.MIN_SIZE == 2.5
    assert not s.has_box and not s.has_shadow


def test_the_style_knows_exactly_the_installed_families():
    assert tuple(fonts.FAMILIES) == style.FONTS
    assert list(fonts.FAMILIES) == [
        "inter",
        "roboto",
        "open_sans",
        "lato",
        "montserrat",
        "poppins",
        "bebas_neue",
        "playfair",
    ]


def test_a_full_dict_round_trips_and_unknown_keys_are_ignored():
    raw = style.PRESETS["tiktok_outline"].to_dict() | {"rotation": 45, "": None}
    assert style.parse_style(raw) == style.PRESETS["tiktok_outline"]
    assert style.parse_style({"size": 7, "weight": 800.0}) == style.TextStyle(size=7.0, weight=800)
    assert isinstance(style.parse_style({"size": 7}).size, float)
    assert isinstance(style.parse_style({"box_opacity": 40.0}).box_opacity, int)


@pytest.mark.parametrize(
    ("given_colour", "stored"),
    [("#fff", "#FFFFFF"), ("#a1B2c3", "#A1B2C3"), (" #0a0 ", "#00AA00"), ("#000000", "#000000")],
)
def test_colours_are_normalised(given_colour, stored):
    for name in style.COLOURS:
        assert getattr(style.parse_style({name: given_colour}), name) == stored


@pytest.mark.parametrize("bad", ["red", "#12", "#1234", "#GGGGGG", "FFFFFF", "#FFFFFF0", 255, None])
def test_bad_colours_are_refused_naming_the_field(bad):
    for name in style.COLOURS:
        error = refused({name: bad})
        assert (error.code, error.params) == ("parameter_invalid", {"name": name})


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("size", True),  # bool is not a number
        ("box_opacity", False),
        ("size", "6"),
        ("size", None),
        ("x", math.nan),
        ("y", math.inf),
        ("weight", 750),  # steps of 100
        ("weight", 700.5),
        ("box_opacity", 50.5),
        ("font", "comic_sans"),
        ("font", 1),
        ("align", "justify"),
        ("align", None),
    ],
)
def test_wrong_types_and_choices_are_refused(name, value):
    error = refused({name: value})
    assert (error.code, error.params) == ("parameter_invalid", {"name": name})


@pytest.mark.parametrize(
    ("name", "value", "low", "high"),
    [
        ("size", 1.9, 2, 20),
        ("size", 20.5, 2, 20),
        ("weight", 200, 300, 900),
        ("weight", 1000, 300, 900),
        ("x", -0.1, 0, 100),
        ("y", 100.5, 0, 100),
        ("max_width", 19, 20, 100),
        ("line_spacing", 0.7, 0.8, 3),
        ("line_spacing", 3.1, 0.8, 3),
        ("box_opacity", 101, 0, 100),
        ("box_padding", 3.5, 0, 3),
        ("box_radius", -1, 0, 2),
        ("outline_width", 21, 0, 20),
        ("shadow_x", -51, -50, 50),
        ("shadow_y", 51, -50, 50),
        ("shadow_blur", 41, 0, 40),
        ("shadow_opacity", -1, 0, 100),
    ],
)
def test_numbers_out_of_range_are_refused_with_the_range(name, value, low, high):
    error = refused({name: value})
    assert error.code == "parameter_out_of_range"
    assert error.params == {"name": name, "low": low, "high": high}


@pytest.mark.parametrize("edge", ["low", "high"])
def test_the_ends_of_every_range_are_accepted(edge):
    raw = {name: (low if edge == "low" else high) for name, (low, high, _) in style.RANGES.items()}
    parsed = style.parse_style(raw)
    for name, value in raw.items():
        assert getattr(parsed, name) == value


def test_a_style_that_is_not_a_dict_is_refused():
    for raw in (None, [], "inter", 7):
        assert refused(raw).code == "carousel_mix_style_invalid"


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([*style.FIELDS, "other"]),
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(-2000, 2000),
            st.floats(allow_nan=True, allow_infinity=True),
            st.text(max_size=8),
            st.sampled_from(["#fff", "#ABCDEF", "left", "right", "poppins", "bebas_neue"]),
        ),
    )
)
def test_any_dict_gives_a_style_or_an_error_naming_a_style_field(raw):
    try:
        parsed = style.parse_style(raw)
    except ServiceError as error:
        assert error.code in ("parameter_invalid", "parameter_out_of_range")
        assert error.params["name"] in style.FIELDS
        return
    assert style.parse_style(parsed.to_dict()) == parsed
    assert parsed.font in fonts.FAMILIES and parsed.align in style.ALIGNS


def test_the_presets_are_the_original_eight_in_order_and_all_differ():
    assert list(style.PRESETS) == [
        "modern_tebal",
        "tiktok_outline",
        "instagram_latar",
        "minimalis",
        "neon_glow",
        "elegant",
        "playful",
        "retro",
    ]
    dicts = [p.to_dict() for p in style.PRESETS.values()]
    assert all(
        style.parse_style(d) == p for d, p in zip(dicts, style.PRESETS.values(), strict=True)
    )
    assert len({tuple(sorted(d.items())) for d in dicts}) == len(dicts)


def test_the_presets_keep_the_originals_signature_looks():
    tiktok = style.PRESETS["tiktok_outline"]
    assert not tiktok.has_box
    assert (tiktok.outline_width, tiktok.outline_color) == (3.0, "#FFFFFF")
    assert (tiktok.shadow_x, tiktok.shadow_y, tiktok.shadow_blur) == (3.0, 3.0, 0.0)
    assert tiktok.shadow_color == "#FF0050" and tiktok.has_shadow
    neon = style.PRESETS["neon_glow"]
    assert (neon.shadow_blur, neon.shadow_color, neon.has_shadow) == (20.0, "#00F0FF", True)
    latar = style.PRESETS["instagram_latar"]
    assert latar.box_opacity == 100 and latar.box_radius > 0
    assert style.PRESETS["elegant"].font == "playfair"
    assert style.PRESETS["retro"].font == "bebas_neue"


def test_every_preset_is_readable_on_a_photo():
    """Something separates the letters from any picture: a box, an outline or a shadow."""
    for name, preset in style.PRESETS.items():
        separated = preset.has_box or preset.outline_width >= 1 or preset.shadow_opacity >= 40
        assert separated, name
