"""Avatar Creator's pure parts: attributes, personas, prompts, presets and face thumbnails."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFilter

from lumiku.services.ai.base import AIBadReply
from lumiku.services.avatar_creator import faces, presets, prompts
from lumiku.services.avatar_creator.prompts import Persona
from lumiku.services.errors import ServiceError

SUFFIX = (
    ", professional photo studio portrait, ultra realistic, high detail, professional "
    "photography, DSLR camera, 85mm portrait lens, f/1.8 aperture, studio lighting, bokeh "
    "background, photorealistic, high resolution, 8k quality"
)
ALL_ATTRIBUTES = {
    "gender": "female",
    "age_range": "adult",
    "ethnicity": "east-asian",
    "body_type": "average",
    "hair_style": "long",
    "hair_color": "black",
    "eye_color": "dark-brown",
    "skin_tone": "light",
    "style": "professional",
}


# ------------------------------------------------------------------ prompts


def test_prompt_with_a_full_persona_and_every_attribute_matches_the_original():
    persona = Persona("Sarah Chen", 32, ("professional", "confident"), "Marketing lead")
    assert prompts.build_prompt("portrait in an office", persona, ALL_ATTRIBUTES) == (
        "female, middle-aged adult (30-50 years old), east asian ethnicity, average body type, "
        "long black hair, dark brown eyes, light skin tone, wearing professional attire, "
        "Sarah Chen, 32 years old, professional, confident personality, portrait in an office"
        + SUFFIX
    )


def test_prompt_with_a_persona_only():
    persona = Persona("Budi", None, ("warm",))
    assert prompts.build_prompt("a portrait", persona, {}) == (
        "Budi, warm personality, a portrait" + SUFFIX
    )
    assert prompts.build_prompt("x", Persona(age=40), {}) == "40 years old, x" + SUFFIX


def test_prompt_with_nothing_is_the_base_and_the_suffix():
    assert prompts.build_prompt("a portrait", None, {}) == "a portrait" + SUFFIX
    assert prompts.build_prompt("a portrait", Persona(), {"gender": ""}) == "a portrait" + SUFFIX
    assert prompts.build_prompt("", None, {}) == SUFFIX.removeprefix(", ")


@pytest.mark.parametrize(
    ("attributes", "text"),
    [
        ({"age_range": "young"}, "young adult (20-30 years old)"),
        ({"age_range": "mature"}, "mature adult (50+ years old)"),
        ({"hair_color": "dark-brown"}, "dark brown hair"),
        ({"hair_style": "curly"}, "curly hair"),
        ({"hair_style": "hijab", "hair_color": "black"}, "wearing a hijab"),
        ({"hair_style": "bald", "hair_color": "grey"}, "bald head"),
        ({"body_type": "plus-size"}, "plus size body type"),
        ({"style": "smart-casual"}, "wearing smart casual attire"),
    ],
)
def test_attribute_phrases(attributes, text):
    assert prompts.build_prompt("p", None, attributes) == f"{text}, p" + SUFFIX


def test_negative_prompt_is_the_originals():
    assert prompts.NEGATIVE_PROMPT == (
        "ugly, blurry, low quality, distorted, deformed, bad anatomy, disfigured, poorly drawn "
        "face, mutation, mutated, extra limbs, bad proportions, cartoon, anime, 3d render, "
        "painting, illustration, drawing, sketch, unrealistic, artificial, plastic, wax figure, "
        "mannequin"
    )


# ------------------------------------------------------------------ validation


def test_attributes_keep_known_keys_and_accept_unset():
    assert list(prompts.ATTRIBUTES) == list(ALL_ATTRIBUTES)
    values = {**ALL_ATTRIBUTES, "style": "", "mood": "happy", "hairColor": "Dark brown"}
    found = prompts.validate_attributes(values)
    assert "style" not in found and "mood" not in found  # unset and unknown keys left out
    assert found["hair_color"] == "dark-brown"  # camelCase keys and words are understood
    assert prompts.validate_attributes({"gender": None, "eye_color": " "}) == {}


@pytest.mark.parametrize("values", [{"gender": "robot"}, {"skin_tone": 3}, {"ageRange": "old"}])
def test_an_unknown_attribute_value_is_refused_by_name(values):
    with pytest.raises(ServiceError) as refused:
        prompts.validate_attributes(values)
    assert refused.value.code == "avatar_creator_attribute_invalid"
    assert refused.value.params["name"].removeprefix("attr_") in prompts.ATTRIBUTES


def test_persona_is_trimmed_and_traits_deduplicated():
    persona = prompts.validate_persona("  Sari ", "28", "ramah,  Ceria , , ramah", " Dari Solo ")
    assert persona == Persona("Sari", 28, ("ramah", "Ceria"), "Dari Solo")
    assert prompts.validate_persona("Sari", None, ["a", "b"], "").personality == ("a", "b")
    assert prompts.validate_persona("", "", None, "") == Persona()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("x" * 81, None, [], ""), "avatar_creator_persona_name_too_long"),
        (("Sari", 12, [], ""), "avatar_creator_persona_age_invalid"),
        (("Sari", 101, [], ""), "avatar_creator_persona_age_invalid"),
        (("Sari", "tua", [], ""), "avatar_creator_persona_age_invalid"),
        (("Sari", 30.5, [], ""), "avatar_creator_persona_age_invalid"),
        (("Sari", True, [], ""), "avatar_creator_persona_age_invalid"),
        (("Sari", 30, [f"t{i}" for i in range(9)], ""), "avatar_creator_persona_traits_invalid"),
        (("Sari", 30, ["x" * 31], ""), "avatar_creator_persona_traits_invalid"),
        (("Sari", 30, [3], ""), "avatar_creator_persona_traits_invalid"),
        (("Sari", 30, {"a": 1}, ""), "avatar_creator_persona_traits_invalid"),
        (("Sari", 30, [], "x" * 1001), "avatar_creator_persona_background_too_long"),
    ],
)
def test_persona_errors(args, code):
    with pytest.raises(ServiceError) as refused:
        prompts.validate_persona(*args)
    assert refused.value.code == code


# ------------------------------------------------------------------ a persona from Claude


@pytest.mark.parametrize(("language", "named"), [("id", "Indonesian"), ("en", "English")])
def test_persona_request_names_the_language_and_the_allowed_values(language, named):
    system, user = prompts.persona_request("  penjual batik muda  dari Solo ", language)
    assert named in system and "JSON" in system
    for key, values in prompts.ATTRIBUTES.items():
        assert key in system
        assert all(value in system for value in values)
    assert "penjual batik muda dari Solo" in user


@pytest.mark.parametrize("words", ["", " a ", "x" * 301, None])
def test_persona_request_refuses_too_few_or_too_many_words(words):
    with pytest.raises(ServiceError) as refused:
        prompts.persona_request(words, "id")
    assert refused.value.code == "avatar_creator_persona_words_invalid"


def test_persona_reply_in_a_code_fence():
    reply = (
        "Berikut personanya:\n```json\n"
        '{"name": "Rara Wulandari", "age": 24, "personality": ["kreatif", "ramah", "ulet"],'
        ' "background": "Penjual batik muda dari Solo.", "attributes": {"gender": "female",'
        ' "age_range": "young", "ethnicity": "southeast-asian", "hair_style": "hijab",'
        ' "style": "traditional"}}\n```\nSemoga membantu!'
    )
    persona, attributes = prompts.parse_persona_reply(reply)
    assert persona == Persona(
        "Rara Wulandari", 24, ("kreatif", "ramah", "ulet"), "Penjual batik muda dari Solo."
    )
    assert attributes == {
        "gender": "female",
        "age_range": "young",
        "ethnicity": "southeast-asian",
        "hair_style": "hijab",
        "style": "traditional",
    }


def test_persona_reply_drops_an_unknown_attribute_value_and_mends_slips():
    reply = (
        'Sure! {"name": "Ana", "age": "two hundred", "personality": "calm, kind",'
        ' "attributes": {"gender": "female", "eye_color": "violet", "hairColor": "dark brown"}}'
    )
    persona, attributes = prompts.parse_persona_reply(reply)
    assert persona == Persona("Ana", None, ("calm", "kind"), "")
    assert attributes == {"gender": "female", "hair_color": "dark-brown"}


@pytest.mark.parametrize(
    "reply",
    ["I cannot help with that.", "{not json}", '["a list"]', '{"age": 30}', '{"name": "  "}', ""],
)
def test_persona_reply_without_a_named_object_is_a_bad_reply(reply):
    with pytest.raises(AIBadReply):
        prompts.parse_persona_reply(reply)


# ------------------------------------------------------------------ presets


def test_presets_have_the_originals_categories_and_counts():
    assert presets.CATEGORIES == ("professional", "casual", "sports", "fashion", "traditional")
    counts = {c: sum(p["category"] == c for p in presets.PRESETS) for c in presets.CATEGORIES}
    assert counts == {"professional": 8, "casual": 6, "sports": 4, "fashion": 4, "traditional": 3}
    ids = [p["id"] for p in presets.PRESETS]
    assert len(ids) == len(set(ids)) == 25
    assert presets.preset("professional-hijabi-woman")["persona"]["name"] == "Aisha Rahman"
    assert presets.preset("nope") is None


AGE_RANGES = {"young": range(18, 31), "adult": range(30, 51), "mature": range(50, 101)}


@pytest.mark.parametrize("preset", presets.PRESETS, ids=lambda p: p["id"])
def test_every_preset_is_valid(preset):
    assert set(preset) == {
        "id", "name", "category", "description", "persona", "attributes", "prompt"
    }  # fmt: skip
    assert preset["id"] == preset["name"].lower().replace(" ", "-")
    attributes = prompts.validate_attributes(preset["attributes"])
    assert attributes == preset["attributes"] and all(attributes.values())
    assert set(attributes) == set(prompts.ATTRIBUTES)
    persona = prompts.validate_persona(**preset["persona"])
    assert persona.name and persona.background and 3 <= len(persona.personality) <= 4
    assert persona.age in AGE_RANGES[attributes["age_range"]]
    assert preset["description"].endswith(".") and preset["prompt"].isascii()
    assert "hijab" not in preset["name"].lower() or attributes["hair_style"] == "hijab"


# ------------------------------------------------------------------ face thumbnails


def drawn_face(width: int, height: int, cx: int, cy: int, face: int) -> Image.Image:
    """A flat drawn face (hair, skin, brows, eyes, nose, mouth) the Haar cascade finds."""
    picture = Image.new("RGB", (width, height), (70, 80, 95))
    draw = ImageDraw.Draw(picture)
    tall = face * 1.3
    draw.ellipse(
        [cx - face * 0.55, cy - tall * 0.62, cx + face * 0.55, cy + tall * 0.1], fill=(40, 30, 25)
    )
    draw.ellipse([cx - face / 2, cy - tall / 2, cx + face / 2, cy + tall / 2], fill=(225, 185, 160))
    eye_x, eye_y, r = face * 0.2, cy - tall * 0.08, face * 0.09
    for side in (-1, 1):
        x = cx + side * eye_x
        draw.rectangle(
            [x - r * 1.4, eye_y - r * 2.1, x + r * 1.4, eye_y - r * 1.5], fill=(60, 40, 30)
        )
        draw.ellipse([x - r * 1.3, eye_y - r * 0.7, x + r * 1.3, eye_y + r * 0.7], fill="white")
        draw.ellipse(
            [x - r * 0.6, eye_y - r * 0.6, x + r * 0.6, eye_y + r * 0.6], fill=(40, 25, 20)
        )
    nose = [
        (cx, eye_y + r),
        (cx - face * 0.06, cy + tall * 0.12),
        (cx + face * 0.06, cy + tall * 0.12),
    ]
    draw.polygon(nose, fill=(200, 155, 130))
    draw.ellipse(
        [cx - face * 0.16, cy + tall * 0.2, cx + face * 0.16, cy + tall * 0.28], fill=(150, 60, 60)
    )
    return picture.filter(ImageFilter.GaussianBlur(face / 60))


def encoded(picture: Image.Image, kind: str = "PNG", **options) -> bytes:
    out = io.BytesIO()
    picture.save(out, kind, **options)
    return out.getvalue()


def centre(box: tuple[int, int, int, int]) -> tuple[float, float]:
    x, y, w, h = box
    return x + w / 2, y + h / 2


@pytest.mark.parametrize(
    ("width", "height", "cx", "cy", "face"),
    [(800, 600, 300, 260, 180), (1200, 1600, 800, 500, 300), (2000, 1500, 1400, 500, 400)],
)
def test_face_box_finds_the_drawn_face(width, height, cx, cy, face):
    box = faces.face_box(encoded(drawn_face(width, height, cx, cy, face)))
    assert box is not None
    found_x, found_y = centre(box)
    assert abs(found_x - cx) < face * 0.15 and abs(found_y - cy) < face * 0.25
    assert face * 0.8 < box[2] < face * 2


def test_face_thumbnail_is_framed_on_the_face():
    thumb = faces.face_thumbnail(encoded(drawn_face(1200, 800, 900, 300, 160)))
    picture = Image.open(io.BytesIO(thumb))
    assert (picture.format, picture.size) == ("JPEG", (300, 300))
    box = faces.face_box(thumb)
    assert box is not None
    x, y = centre(box)
    assert abs(x - 150) < 30 and abs(y - 150) < 45  # a cover crop would have lost the face


def test_face_box_applies_the_exif_orientation():
    upright = drawn_face(600, 800, 300, 300, 200)
    exif = Image.Exif()
    exif[0x0112] = 6  # stored turned a quarter left; shown turned back
    stored = encoded(upright.transpose(Image.Transpose.ROTATE_90), "JPEG", exif=exif)
    box = faces.face_box(stored)
    assert box is not None
    x, y = centre(box)
    assert abs(x - 300) < 40 and abs(y - 300) < 60


def test_without_a_face_the_thumbnail_is_a_centre_cover_crop():
    picture = Image.new("RGB", (600, 300), "white")
    ImageDraw.Draw(picture).rectangle([150, 0, 449, 299], fill=(200, 0, 0))  # the middle square
    thumb = Image.open(io.BytesIO(faces.face_thumbnail(encoded(picture))))
    assert (thumb.format, thumb.size, thumb.mode) == ("JPEG", (300, 300), "RGB")
    for corner in [(2, 2), (297, 2), (2, 297), (297, 297), (150, 150)]:
        red, green, _ = thumb.getpixel(corner)
        assert red > 180 and green < 40
    small = Image.open(io.BytesIO(faces.face_thumbnail(encoded(picture), size=64)))
    assert small.size == (64, 64)
    assert faces.face_box(encoded(picture)) is None


def test_a_transparent_picture_becomes_rgb():
    thumb = faces.face_thumbnail(encoded(Image.new("RGBA", (50, 80), (0, 0, 0, 0))))
    assert Image.open(io.BytesIO(thumb)).mode == "RGB"


def test_an_unreadable_picture_is_refused():
    with pytest.raises(ServiceError) as refused:
        faces.face_thumbnail(b"not an image")
    assert refused.value.code == "file_unreadable"


@pytest.mark.parametrize(
    ("box", "size", "square"),
    [
        ((400, 300, 100, 100), (1000, 800), (340, 240, 560, 460)),  # centred, 2.2× the face
        ((0, 0, 100, 100), (1000, 800), (0, 0, 220, 220)),  # moved inside at the corner
        ((950, 750, 50, 50), (1000, 800), (890, 690, 1000, 800)),  # and at the far corner
        ((100, 100, 500, 400), (1000, 600), (50, 0, 650, 600)),  # never beyond the short side
        ((10, 0, 20, 40), (300, 100), (0, 0, 88, 88)),  # the longer side of the face counts
    ],
)
def test_square_around_the_face(box, size, square):
    assert faces._square_around(box, *size, size_factor=2.2) == square
