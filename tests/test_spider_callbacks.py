"""Scrapy's check for generator callbacks that `return` a value (ignored by Scrapy) is turned off
in settings for speed; this test runs the same check once, on every callback of the spider."""

import inspect

import pytest
from scrapy.utils.misc import is_generator_with_return_value

from crawlers.spiders.disclosure import DisclosureSpider

CALLBACKS = [
    name
    for name, fn in inspect.getmembers(DisclosureSpider, inspect.isfunction)
    if inspect.isgeneratorfunction(fn)
]


def test_the_spider_has_generator_callbacks_to_check():
    # parse_detail is an async generator (it awaits the extraction workers): Python itself
    # refuses `return value` there, so it needs no check
    assert {"parse_directory", "parse_column", "parse_check", "parse_list_page"} <= set(CALLBACKS)


@pytest.mark.parametrize("name", CALLBACKS)
def test_generator_callback_returns_no_value(name):
    assert not is_generator_with_return_value(getattr(DisclosureSpider, name))
