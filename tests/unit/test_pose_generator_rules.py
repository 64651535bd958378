"""Pose Generator's pure rules: the original's price (5 SD, 8 HD, +2 fashion, +3 background,
+2 profession, per pose) read from the registry row, the options a client may send and the
prompt the ControlNet model gets."""

from __future__ import annotations

import pytest

from lumiku.models import AIModel
from lumiku.services import seed
from lumiku.services.errors import ServiceError
from lumiku.services.pose_generator import rules

FULL = {
    "quality": "hd",
    "hijab": {"style": "pashmina", "color": "Dusty pink"},
    "accessories": ["glasses", "watch", "glasses"],
    "outfit": "  white blouse\nand beige trousers ",
    "background": {"type": "scene", "scene": "cafe"},
    "profession": "doctor",
}


def model(**overrides) -> AIModel:
    values = dict(
        key="pose-generator:x",
        app_id="pose-generator",
        name="x",
        provider="huggingface",
        tier="free",
        credit_cost=5,
        quota_cost=1,
        capabilities={},
    )
    return AIModel(**{**values, **overrides})


def credits(params: dict, poses: int = 1, row: AIModel | None = None) -> int:
    return rules.price_rule(row or model(), params, poses).credits


@pytest.mark.parametrize(
    ("params", "each"),
    [
        ({}, 5),
        ({"quality": "sd"}, 5),
        ({"quality": "hd"}, 8),
        ({"hijab": {"style": "modern"}}, 7),
        ({"accessories": ["watch"]}, 7),
        ({"outfit": "batik shirt"}, 7),
        ({"hijab": {"style": "turban", "color": "navy"}, "outfit": "kebaya"}, 7),  # fashion once
        ({"background": {"type": "scene", "scene": "beach"}}, 8),
        ({"background": {"type": "custom", "custom_prompt": "a rooftop"}}, 8),
        ({"background": {"type": "auto", "scene": "beach"}}, 5),
        ({"profession": "pilot"}, 7),
        (FULL, 8 + 2 + 3 + 2),
    ],
)
def test_the_originals_price_per_pose(params, each):
    assert credits(params) == each
    price = rules.price_rule(model(), params, 4)
    assert (price.credits, price.quota) == (4 * each, 4)


def test_the_seeded_row_prices_sd_at_5_and_hd_at_8():
    row = next(m for m in seed.MODELS if m["app_id"] == "pose-generator")
    seeded = model(**{k: row[k] for k in ("credit_cost", "quota_cost", "capabilities")})
    assert credits({"quality": "sd"}, row=seeded) == 5
    assert credits({"quality": "hd"}, row=seeded) == 8


def test_the_numbers_come_from_the_registry_row():
    row = model(
        credit_cost=4,
        quota_cost=2,
        capabilities={
            "hdExtra": 1,
            "fashionExtra": 0,
            "backgroundExtra": 5,
            "professionExtra": 1,
        },
    )
    price = rules.price_rule(row, FULL, 3)
    assert (price.credits, price.quota) == (3 * (4 + 1 + 0 + 5 + 1), 6)
    # a malformed extra in the row falls back to the original's number
    assert credits({"quality": "hd"}, row=model(capabilities={"hdExtra": "lots"})) == 8


def test_no_batch_fee_unless_the_row_sets_one():
    assert credits({}, poses=10) == 50
    row = model(capabilities={"batchExtra": 3})
    assert credits({}, poses=1, row=row) == 5  # one pose is not a batch
    assert credits({}, poses=10, row=row) == 53  # a flat fee, once per request


@pytest.mark.parametrize("poses", [0, rules.MAX_POSES + 1, 100])
def test_too_many_or_no_poses_are_refused(poses):
    with pytest.raises(ServiceError) as caught:
        rules.price_rule(model(), {}, poses)
    assert caught.value.code == "parameter_out_of_range"
    assert caught.value.params == {"name": "poses", "low": 1, "high": rules.MAX_POSES}


def test_twenty_poses_are_allowed():
    assert credits({}, poses=rules.MAX_POSES) == 5 * rules.MAX_POSES


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"quality": "4k"}, "quality"),
        ({"quality": ["hd"]}, "quality"),
        ({"quality": True}, "quality"),
        ({"hijab": "modern"}, "hijab"),
        ({"hijab": {"style": "balaclava"}}, "hijab_style"),
        ({"hijab": {"style": ["modern"]}}, "hijab_style"),
        ({"hijab": {"style": True}}, "hijab_style"),
        ({"hijab": {"style": "modern", "color": "ultraviolet"}}, "hijab_color"),
        ({"hijab": {"style": "modern", "color": "#12345"}}, "hijab_color"),
        ({"hijab": {"style": "modern", "color": 0x123456}}, "hijab_color"),
        ({"hijab": {"color": "navy"}}, "hijab_style"),
        ({"accessories": "watch"}, "accessories"),
        ({"accessories": ["watch", "crown"]}, "accessories"),
        ({"accessories": [True]}, "accessories"),
        ({"outfit": ["kebaya"]}, "outfit"),
        ({"outfit": 5}, "outfit"),
        ({"background": "cafe"}, "background"),
        ({"background": {"type": "moon"}}, "background_type"),
        ({"background": {"type": "scene"}}, "scene"),
        ({"background": {"type": "scene", "scene": "mars"}}, "scene"),
        ({"background": {"type": "custom"}}, "custom_prompt"),
        ({"background": {"type": "custom", "custom_prompt": "   "}}, "custom_prompt"),
        ({"background": {"type": "custom", "custom_prompt": ["a"]}}, "custom_prompt"),
        ({"profession": "astronaut"}, "profession"),
        ({"profession": 1}, "profession"),
    ],
)
def test_malformed_options_are_refused_by_name(params, name):
    with pytest.raises(ServiceError) as caught:
        rules.price_rule(model(), params, 1)
    assert (caught.value.code, caught.value.params["name"]) == ("parameter_invalid", name)


@pytest.mark.parametrize(
    ("params", "name", "high"),
    [
        ({"outfit": "x" * (rules.OUTFIT_MAX + 1)}, "outfit", rules.OUTFIT_MAX),
        (
            {"background": {"type": "custom", "custom_prompt": "x" * 301}},
            "custom_prompt",
            rules.CUSTOM_PROMPT_MAX,
        ),
    ],
)
def test_too_long_texts_are_refused(params, name, high):
    with pytest.raises(ServiceError) as caught:
        rules.parse_options(params)
    assert caught.value.code == "parameter_out_of_range"
    assert caught.value.params == {"name": name, "low": 0, "high": high}


def test_texts_at_their_limit_pass():
    options = rules.parse_options(
        {
            "outfit": "x" * rules.OUTFIT_MAX,
            "background": {"type": "custom", "custom_prompt": "y" * rules.CUSTOM_PROMPT_MAX},
        }
    )
    assert len(options.outfit) == rules.OUTFIT_MAX
    assert len(options.custom_prompt) == rules.CUSTOM_PROMPT_MAX


def test_options_are_normalised():
    options = rules.parse_options({**FULL, "avatar_id": 7, "pose_ids": [1, 2]})
    assert options == rules.GenerateOptions(
        quality="hd",
        hijab_style="pashmina",
        hijab_color="dusty-pink",
        accessories=("glasses", "watch"),
        outfit="white blouse and beige trousers",
        background="scene",
        scene="cafe",
        profession="doctor",
    )
    assert rules.parse_options({"profession": "Police officer"}).profession == "police-officer"
    assert rules.parse_options({"hijab": {"style": "square", "color": "#1F2A44"}}).hijab_color == (
        "#1f2a44"
    )
    assert rules.parse_options({"hijab": None, "outfit": None, "profession": ""}) == (
        rules.GenerateOptions()
    )
    with pytest.raises(ServiceError):
        rules.parse_options(["hd"])  # type: ignore[arg-type]


def test_the_option_tables():
    assert set(rules.HIJAB_STYLES) == {"modern", "pashmina", "turban", "square"}
    assert set(rules.SCENES) == {
        "studio",
        "outdoor",
        "office",
        "cafe",
        "beach",
        "forest",
        "urban",
        "garden",
        "home",
        "luxury",
    }
    assert len(rules.PROFESSIONS) >= 10
    assert {"doctor", "nurse", "pilot", "chef", "teacher", "police-officer"} <= set(
        rules.PROFESSIONS
    )
    assert rules.QUALITIES == {"sd": 512, "hd": 1024}


def test_a_full_prompt():
    prompt, negative = rules.prompt_for(rules.parse_options(FULL), "  young woman,\n warm smile ")
    assert prompt == (
        "young woman, warm smile, professional photo, high quality, detailed, "
        "wearing draped pashmina hijab in dusty pink, white blouse and beige trousers, "
        "with eyeglasses and a wristwatch, "
        "as a doctor in a white lab coat with a stethoscope around the neck, "
        f"{rules.SCENES['cafe']}, 4k, sharp, ultra detailed"
    )
    assert negative == "ugly, blurry, low quality, distorted, deformed"


def test_a_bare_sd_prompt_is_the_originals_base():
    assert rules.prompt_for(rules.parse_options({})) == (
        "professional photo, high quality, detailed",
        "ugly, blurry, low quality, distorted, deformed",
    )


def test_prompt_pieces():
    hex_hijab = rules.parse_options({"hijab": {"style": "modern", "color": "#1a2347"}})
    assert "wearing modern instant hijab in navy" in rules.prompt_for(hex_hijab)[0]
    bare_hijab = rules.parse_options({"hijab": {"style": "turban"}})
    assert rules.prompt_for(bare_hijab)[0].endswith(", wearing turban-style hijab")
    custom = rules.parse_options(
        {"background": {"type": "custom", "custom_prompt": "a rooftop at sunset"}}
    )
    assert rules.prompt_for(custom)[0].endswith(", background: a rooftop at sunset")
    three = rules.parse_options({"accessories": ["watch", "necklace", "handbag"]})
    assert rules.prompt_for(three)[0].endswith(", with a wristwatch, a necklace and a handbag")


def test_provider_parameters():
    assert rules.provider_parameters("sd") == {
        "num_inference_steps": 30,
        "guidance_scale": 7.5,
        "controlnet_conditioning_scale": 1.0,
        "width": 384,
        "height": 512,
    }
    hd = rules.provider_parameters("hd")
    assert (hd["num_inference_steps"], hd["width"], hd["height"]) == (50, 768, 1024)
    with pytest.raises(ServiceError):
        rules.provider_parameters("4k")


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"quality": "hd", "hijab": {"style": "Pashmina", "color": "#1A2347"}},
        {"accessories": ["watch", "glasses", "watch"], "outfit": "  a linen   shirt "},
        {"background": {"type": "scene", "scene": "cafe"}, "profession": "Police officer"},
        {"background": {"type": "custom", "custom_prompt": "a rooftop"}, "extra": "ignored"},
    ],
)
def test_the_services_price_params_read_back_as_the_same_options(raw):
    """results.options_dict is what the price rule and a replayed submit see: normalised, and
    parsed again it is the same options."""
    from lumiku.services.pose_generator.results import options_dict

    options = rules.parse_options(raw)
    normal = options_dict(options)
    assert rules.parse_options(normal) == options
    assert options_dict(rules.parse_options(normal)) == normal
    assert "extra" not in normal


def test_the_control_image_is_the_skeleton_at_the_outputs_size():
    import io

    from PIL import Image

    from jobs.pose_generator import control_image
    from lumiku.services.pose_generator import skeleton
    from lumiku.services.pose_generator.poses import pose

    keypoints = pose("standing-waving")["keypoints"]
    size = rules.provider_parameters("sd")
    image = Image.open(io.BytesIO(control_image(keypoints, size["width"], size["height"])))
    assert (image.format, image.size) == ("PNG", (384, 512))
    assert image.tobytes() == skeleton.draw(keypoints, (384, 512)).tobytes()
    assert image.getpixel((0, 0)) == (0, 0, 0)  # on black, as ControlNet's OpenPose wants
