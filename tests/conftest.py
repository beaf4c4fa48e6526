from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
if not SHARED.exists():  # a work tree that does not sit beside shared/
    SHARED = Path("/work/shared")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared/ is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (ROOT / "samples" / "seed-zh-news-crawl.txt").read_text(encoding="utf-8")
