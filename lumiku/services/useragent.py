"""Readable device descriptions from a User-Agent header."""

from __future__ import annotations

from dataclasses import dataclass

from user_agents import parse


@dataclass(frozen=True)
class DeviceInfo:
    browser: str
    os: str
    device_type: str  # desktop | mobile | tablet

    @property
    def name(self) -> str:
        return f"{self.browser} on {self.os}"


def describe(user_agent: str) -> DeviceInfo:
    ua = parse(user_agent or "")
    kind = "tablet" if ua.is_tablet else "mobile" if ua.is_mobile else "desktop"
    browser = ua.browser.family if ua.browser.family != "Other" else "Unknown browser"
    os = ua.os.family if ua.os.family != "Other" else "Unknown OS"
    return DeviceInfo(browser=browser[:50], os=os[:50], device_type=kind)
