"""What a response or a failure means for the audit (crawlers/outcomes.py), case by case."""

from __future__ import annotations

import pytest

from crawlers.outcomes import response_outcome, waf_block

LONG_POLICY = (
    "<html><head><title>关于加强医疗机构网络安全防护的通知</title></head><body>"
    + "<p>各医疗机构应部署Web应用防火墙，对恶意请求进行拦截。</p>" * 400
    + "</body></html>"
)


@pytest.mark.parametrize(
    "status, body, blocked",
    [
        (412, "", True),  # 瑞数 and similar answer 412 to a client without their cookie
        (521, None, True),
        (
            200,
            "<html><head><title>安全验证 - 创宇云防御</title></head><body>请稍候</body></html>",
            True,
        ),
        (200, "<title>访问被拦截</title><p>加速乐</p>", True),
        (403, "<h1>您的访问被拦截</h1><p>安全狗</p>", True),
        (403, "<h1>403 Forbidden</h1><p>nginx</p>", False),  # a plain refusal: dead
        (404, "<title>访问被拦截</title>", False),  # the page is gone, whatever it says
        (200, LONG_POLICY, False),  # a policy about firewalls is a page, not a block
        (200, "<title>关于做好安全验证工作的通知</title>" + "<p>正文</p>" * 5000, False),
        (200, None, False),  # an attachment
    ],
)
def test_a_firewalls_block_page_is_told_from_a_page(status, body, blocked):
    assert waf_block(status, body) is blocked


@pytest.mark.parametrize(
    "status, outcome",
    [
        (200, "ok"),
        (404, "dead"),
        (410, "dead"),
        (403, "dead"),
        (500, "dead"),
        (503, "unreachable"),
        (502, "unreachable"),
        (504, "unreachable"),
        (429, "unreachable"),
        (408, "unreachable"),
    ],  # fmt: skip
)
def test_what_an_http_status_means(status, outcome):
    assert response_outcome(status) == outcome


def test_a_site_status_is_checked_where_it_is_written():
    """The coordinator writes `failed` for a site every worker failed: a known status, with the
    scorecard's words for it; a status no list holds is refused before it is written."""
    from crawlers.status import STATUSES, site_status

    assert site_status("failed") == "failed" and STATUSES["failed"].startswith("抓取失败")
    with pytest.raises(ValueError, match="unknown site status 'crashed'"):
        site_status("crashed")
