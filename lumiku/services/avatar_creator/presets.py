"""The ready-made avatars a user can start from: the original's 25 presets in its 5 categories.

The original seeded flat fields its model did not have and attribute values its forms did not
offer; here each preset is one record whose attributes are all drawn from `prompts.ATTRIBUTES`,
so a preset generates through the same prompt builder as a hand-made avatar.
"""

from __future__ import annotations

from typing import Any

from lumiku.services.avatar_creator.prompts import ATTRIBUTES

CATEGORIES = ("professional", "casual", "sports", "fashion", "traditional")


def _preset(
    preset_id: str,
    name: str,
    category: str,
    description: str,
    persona: tuple[str, int, list[str], str],
    look: tuple[str, ...],
    prompt: str,
) -> dict[str, Any]:
    """One preset; `look` lists the attribute values in ATTRIBUTES' order."""
    persona_name, age, personality, background = persona
    return {
        "id": preset_id,
        "name": name,
        "category": category,
        "description": description,
        "persona": {
            "name": persona_name,
            "age": age,
            "personality": personality,
            "background": background,
        },
        "attributes": dict(zip(ATTRIBUTES, look, strict=True)),
        "prompt": prompt,
    }


PRESETS: tuple[dict[str, Any], ...] = (
    # ---------------------------------------------------------------- professional (8)
    _preset(
        "professional-business-woman",
        "Professional Business Woman",
        "professional",
        "A confident marketing executive for corporate and LinkedIn-style content.",
        (
            "Sarah Chen",
            32,
            ["professional", "confident", "approachable"],
            "Senior marketing executive with ten years of experience leading regional campaigns.",
        ),
        (
            "female",
            "adult",
            "east-asian",
            "average",
            "medium",
            "black",
            "dark-brown",
            "light",
            "professional",
        ),
        "professional portrait of a confident businesswoman in an elegant tailored blazer, "
        "shoulder-length straight black hair, natural smile, modern office setting",
    ),
    _preset(
        "professional-business-man",
        "Professional Business Man",
        "professional",
        "A charismatic founder in a suit for business and leadership content.",
        (
            "James Anderson",
            38,
            ["charismatic", "strategic", "decisive"],
            "Tech startup founder and CEO who mentors young entrepreneurs.",
        ),
        ("male", "adult", "caucasian", "average", "short", "brown", "blue", "fair", "formal"),
        "professional headshot of a charismatic businessman in a navy suit and tie, neatly "
        "styled short brown hair, corporate office background",
    ),
    _preset(
        "professional-hijabi-woman",
        "Professional Hijabi Woman",
        "professional",
        "A friendly Indonesian marketer in a modern hijab for professional content.",
        (
            "Aisha Rahman",
            28,
            ["professional", "friendly", "innovative"],
            "Digital marketing specialist and content creator based in Jakarta.",
        ),
        (
            "female",
            "young",
            "southeast-asian",
            "average",
            "hijab",
            "black",
            "dark-brown",
            "medium",
            "professional",
        ),
        "professional portrait of an elegant Indonesian woman wearing a modern pastel hijab and "
        "a tailored blazer, warm smile, bright office background",
    ),
    _preset(
        "young-professional-developer",
        "Young Professional Developer",
        "professional",
        "A young software developer for tech, startup and career content.",
        (
            "Rizky Pratama",
            26,
            ["analytical", "curious", "collaborative"],
            "Backend developer at a Jakarta fintech startup who contributes to open-source "
            "projects on weekends.",
        ),
        (
            "male",
            "young",
            "southeast-asian",
            "slim",
            "short",
            "black",
            "dark-brown",
            "tan",
            "smart-casual",
        ),
        "portrait of a young Indonesian software developer in a smart casual shirt, short black "
        "hair, friendly focused expression, modern coworking space with laptops in the background",
    ),
    _preset(
        "senior-executive-woman",
        "Senior Executive Woman",
        "professional",
        "A composed senior leader for boardroom and thought-leadership content.",
        (
            "Layla Haddad",
            54,
            ["decisive", "composed", "visionary"],
            "Chief operating officer of a logistics group with three decades of leadership "
            "experience.",
        ),
        (
            "female",
            "mature",
            "middle-eastern",
            "average",
            "short",
            "grey",
            "brown",
            "olive",
            "formal",
        ),
        "professional portrait of a distinguished senior executive woman in a dark tailored "
        "suit, elegant short grey hair, composed confident expression, boardroom background",
    ),
    _preset(
        "creative-professional",
        "Creative Professional",
        "professional",
        "An expressive designer for creative-industry and design content.",
        (
            "Maya Johnson",
            29,
            ["creative", "expressive", "innovative"],
            "UX/UI designer and digital artist who runs design workshops for beginners.",
        ),
        (
            "female",
            "young",
            "african",
            "average",
            "curly",
            "black",
            "dark-brown",
            "dark",
            "creative",
        ),
        "professional portrait of a young Black woman designer with natural curly hair in a "
        "modern creative outfit, artistic studio backdrop with design sketches",
    ),
    _preset(
        "healthcare-professional",
        "Healthcare Professional",
        "professional",
        "A caring family doctor for health and wellness content.",
        (
            "Dr. Sofia Martinez",
            35,
            ["caring", "patient", "knowledgeable"],
            "General practitioner focused on family medicine and preventive care.",
        ),
        (
            "female",
            "adult",
            "hispanic",
            "average",
            "ponytail",
            "dark-brown",
            "brown",
            "medium",
            "professional",
        ),
        "professional portrait of a Latina doctor in a white coat with a stethoscope, dark "
        "brown hair in a neat ponytail, warm caring expression, bright medical clinic",
    ),
    _preset(
        "financial-professional",
        "Financial Professional",
        "professional",
        "A trustworthy financial advisor for money, banking and investment content.",
        (
            "Daniel Mensah",
            41,
            ["analytical", "trustworthy", "meticulous"],
            "Investment analyst and financial planner who helps families plan for the long term.",
        ),
        ("male", "adult", "african", "average", "short", "black", "dark-brown", "dark", "formal"),
        "professional headshot of a Ghanaian financial advisor in a charcoal suit and light "
        "blue shirt, short black hair, trustworthy smile, modern bank office with a city view",
    ),
    # ---------------------------------------------------------------- casual (6)
    _preset(
        "casual-young-man",
        "Casual Young Man",
        "casual",
        "A relaxed young man for lifestyle and everyday product content.",
        (
            "Alex Thompson",
            24,
            ["friendly", "laid-back", "sociable"],
            "College graduate and aspiring entrepreneur who loves weekend hikes.",
        ),
        ("male", "young", "caucasian", "athletic", "short", "blonde", "green", "fair", "casual"),
        "casual portrait of a friendly young man in a plain t-shirt and denim jacket, short "
        "blonde hair, relaxed smile, sunny outdoor park setting",
    ),
    _preset(
        "casual-young-woman",
        "Casual Young Woman",
        "casual",
        "A cheerful student for lifestyle, cafe and campus content.",
        (
            "Emily Park",
            22,
            ["cheerful", "energetic", "friendly"],
            "University student and part-time barista in Seoul.",
        ),
        ("female", "young", "east-asian", "slim", "long", "black", "dark-brown", "light", "casual"),
        "casual portrait of a cheerful young Korean woman in a cozy knit sweater, long straight "
        "black hair, genuine smile, soft natural window light",
    ),
    _preset(
        "casual-hijabi-student",
        "Casual Hijabi Student",
        "casual",
        "A cheerful Indonesian student in a colourful hijab for campus and youth content.",
        (
            "Dina Kartika",
            20,
            ["cheerful", "studious", "friendly"],
            "Computer science student in Yogyakarta and tech community volunteer.",
        ),
        (
            "female",
            "young",
            "southeast-asian",
            "slim",
            "hijab",
            "black",
            "brown",
            "medium",
            "casual",
        ),
        "casual portrait of a cheerful Indonesian university student wearing a colorful hijab "
        "and a casual sweater, friendly smile, green campus backdrop",
    ),
    _preset(
        "casual-middle-aged-man",
        "Casual Middle-aged Man",
        "casual",
        "A warm small-business owner for local business and family content.",
        (
            "Budi Santoso",
            47,
            ["warm", "hardworking", "humorous"],
            "Owner of a family coffee shop in Bandung who knows every regular by name.",
        ),
        (
            "male",
            "adult",
            "southeast-asian",
            "average",
            "short",
            "black",
            "dark-brown",
            "tan",
            "casual",
        ),
        "casual portrait of a friendly middle-aged Indonesian man in a short-sleeved batik "
        "shirt, short black hair with a touch of grey, warm smile, cozy coffee shop background",
    ),
    _preset(
        "casual-artist",
        "Casual Artist",
        "casual",
        "A free-spirited illustrator for art, craft and hobby content.",
        (
            "Isabella Rodriguez",
            30,
            ["creative", "free-spirited", "artistic"],
            "Freelance illustrator and muralist who teaches weekend painting classes.",
        ),
        (
            "female",
            "adult",
            "hispanic",
            "curvy",
            "wavy",
            "dark-brown",
            "hazel",
            "olive",
            "bohemian",
        ),
        "casual portrait of a creative Latina artist in bohemian clothing, long wavy dark brown "
        "hair, paint-stained hands, sunlit art studio with canvases",
    ),
    _preset(
        "casual-retiree",
        "Casual Retiree",
        "casual",
        "An active, warm retiree for family, health and community content.",
        (
            "Helen White",
            67,
            ["warm", "active", "nurturing"],
            "Retired schoolteacher who volunteers at the community garden.",
        ),
        ("female", "mature", "caucasian", "average", "short", "white", "blue", "fair", "casual"),
        "casual portrait of an active senior woman in a comfortable cardigan, short white hair, "
        "warm smile, garden in soft natural light",
    ),
    # ---------------------------------------------------------------- sports (4)
    _preset(
        "athletic-runner",
        "Athletic Runner",
        "sports",
        "A determined marathon runner for sports and fitness content.",
        (
            "Ken Tanaka",
            28,
            ["determined", "disciplined", "energetic"],
            "Marathon runner and weekend running coach in Osaka.",
        ),
        (
            "male",
            "young",
            "east-asian",
            "athletic",
            "short",
            "black",
            "dark-brown",
            "light",
            "sporty",
        ),
        "athletic portrait of a fit Japanese runner in running gear, short black hair, "
        "determined expression, riverside running path at sunrise",
    ),
    _preset(
        "fitness-instructor",
        "Fitness Instructor",
        "sports",
        "A strong, motivating trainer for gym and workout content.",
        (
            "Carmen Silva",
            31,
            ["motivated", "strong", "inspiring"],
            "Personal trainer and nutrition coach who runs group classes.",
        ),
        ("female", "adult", "hispanic", "athletic", "ponytail", "black", "brown", "tan", "sporty"),
        "athletic portrait of a strong female fitness instructor in gym wear, black hair in a "
        "high ponytail, confident pose, bright modern gym",
    ),
    _preset(
        "yoga-instructor",
        "Yoga Instructor",
        "sports",
        "A calm yoga teacher for wellness and mindfulness content.",
        (
            "Priya Sharma",
            34,
            ["calm", "balanced", "mindful"],
            "Certified yoga instructor and wellness coach.",
        ),
        (
            "female",
            "adult",
            "south-asian",
            "slim",
            "braided",
            "black",
            "dark-brown",
            "brown",
            "sporty",
        ),
        "serene portrait of an Indian yoga instructor in yoga attire, long black braid, peaceful "
        "expression, calm studio with plants and soft daylight",
    ),
    _preset(
        "athletic-coach",
        "Athletic Coach",
        "sports",
        "An encouraging badminton coach for sports, training and team content.",
        (
            "Agus Wibisono",
            45,
            ["motivating", "disciplined", "patient"],
            "Former provincial badminton player who now coaches junior athletes in Surabaya.",
        ),
        (
            "male",
            "adult",
            "southeast-asian",
            "athletic",
            "short",
            "black",
            "dark-brown",
            "tan",
            "sporty",
        ),
        "portrait of an Indonesian badminton coach in a sports polo shirt with a whistle, short "
        "black hair, encouraging expression, indoor badminton court background",
    ),
    # ---------------------------------------------------------------- fashion (4)
    _preset(
        "fashion-model",
        "Fashion Model",
        "fashion",
        "A poised model for fashion, beauty and brand campaigns.",
        (
            "Victoria Sterling",
            25,
            ["confident", "elegant", "poised"],
            "International fashion model and brand ambassador.",
        ),
        ("female", "young", "caucasian", "slim", "long", "red", "green", "fair", "elegant"),
        "high fashion portrait of an elegant model in designer clothing, long red hair, "
        "professional makeup, clean studio backdrop with dramatic lighting",
    ),
    _preset(
        "street-fashion",
        "Street Fashion",
        "fashion",
        "A trendy style influencer for streetwear and urban fashion content.",
        (
            "Jae Park",
            23,
            ["trendy", "confident", "creative"],
            "Fashion blogger and style influencer from Seoul.",
        ),
        (
            "male",
            "young",
            "east-asian",
            "slim",
            "medium",
            "dyed",
            "dark-brown",
            "light",
            "streetwear",
        ),
        "trendy portrait of a young Korean man in layered streetwear with an oversized jacket, "
        "dyed ash-grey hair, urban street backdrop with neon signs",
    ),
    _preset(
        "modest-fashion",
        "Modest Fashion",
        "fashion",
        "An elegant modest-fashion designer for hijab and modest-wear content.",
        (
            "Amira Al-Farsi",
            27,
            ["elegant", "sophisticated", "confident"],
            "Modest fashion designer and influencer.",
        ),
        (
            "female",
            "young",
            "middle-eastern",
            "average",
            "hijab",
            "black",
            "hazel",
            "olive",
            "modest",
        ),
        "elegant portrait of a Middle Eastern woman in designer modest fashion, flowing silk "
        "hijab in soft neutral tones, sophisticated style, luxury boutique background",
    ),
    _preset(
        "vintage-fashion",
        "Vintage Fashion",
        "fashion",
        "A charming retro stylist for vintage and thrift fashion content.",
        (
            "Naomi Brooks",
            33,
            ["charming", "witty", "nostalgic"],
            "Vintage clothing collector who runs a retro boutique and a styling channel.",
        ),
        ("female", "adult", "mixed", "curvy", "curly", "dark-brown", "brown", "brown", "vintage"),
        "vintage fashion portrait of a stylish woman in a 1950s polka-dot dress and red "
        "lipstick, voluminous curly hair, retro boutique backdrop, warm film-like tones",
    ),
    # ---------------------------------------------------------------- traditional (3)
    _preset(
        "traditional-indonesian",
        "Traditional Indonesian",
        "traditional",
        "A Javanese dance teacher in kebaya and batik for cultural content.",
        (
            "Sekar Ayu Lestari",
            35,
            ["graceful", "cultured", "warm"],
            "Javanese classical dance teacher from Solo and cultural ambassador.",
        ),
        (
            "female",
            "adult",
            "southeast-asian",
            "slim",
            "bun",
            "black",
            "dark-brown",
            "medium",
            "traditional",
        ),
        "elegant portrait of an Indonesian woman in a traditional kebaya with a batik sarong, "
        "hair in a sanggul bun, graceful expression, Javanese pendopo backdrop",
    ),
    _preset(
        "traditional-indian",
        "Traditional Indian",
        "traditional",
        "A classical dancer in a silk saree for cultural and festive content.",
        (
            "Lakshmi Devi",
            32,
            ["graceful", "devoted", "expressive"],
            "Bharatanatyam dancer and cultural educator.",
        ),
        (
            "female",
            "adult",
            "south-asian",
            "average",
            "braided",
            "black",
            "dark-brown",
            "brown",
            "traditional",
        ),
        "elegant portrait of an Indian woman in a traditional silk saree with gold jewelry, "
        "long braided black hair, graceful pose, temple courtyard backdrop",
    ),
    _preset(
        "traditional-japanese",
        "Traditional Japanese",
        "traditional",
        "A tea ceremony teacher in kimono for cultural and craft content.",
        (
            "Yuki Nakamura",
            30,
            ["serene", "graceful", "attentive"],
            "Tea ceremony teacher and cultural preservationist in Kyoto.",
        ),
        (
            "female",
            "adult",
            "east-asian",
            "slim",
            "bun",
            "black",
            "dark-brown",
            "fair",
            "traditional",
        ),
        "elegant portrait of a Japanese woman in a traditional kimono, hair in a neat bun with a "
        "kanzashi ornament, serene expression, Japanese garden backdrop",
    ),
)


def preset(preset_id: str) -> dict[str, Any] | None:
    """The preset with this id, or None."""
    return next((p for p in PRESETS if p["id"] == preset_id), None)
