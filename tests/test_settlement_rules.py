"""The settlement rules on the worked examples of ../shared/STYLE.md, and their invariants."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nttmart_pos.domain.settlement import Split, payable, portion, refund_split, split_line, spread_discount


def test_harga_setor_ignores_price_and_discount():
    # 3 units at Rp25.000, harga setor Rp20.000, Rp5.000 of the sale discount on this line
    split = split_line(75000 - 5000, 3, "unit", "harga_setor", 20000, None)
    assert split == Split(70000, 60000, 10000)


def test_commission_rounds_half_up_per_line():
    assert split_line(14700, 2, "unit", "commission", None, 15) == Split(14700, 12495, 2205)
    assert split_line(7350, 1, "unit", "commission", None, 15) == Split(7350, 6247, 1103)


def test_discount_spread_gives_the_leftover_to_the_largest_remainder_first_line_on_ties():
    assert spread_discount([10000, 10000, 10000], 10000) == [3334, 3333, 3333]
    assert spread_discount([5000, 15000], 1001) == [250, 751]
    assert spread_discount([100, 0, 300], 0) == [0, 0, 0]
    with pytest.raises(ValueError):
        spread_discount([100], 101)


def test_refund_of_a_settled_line_takes_back_the_vendor_share():
    line = split_line(14700, 2, "unit", "commission", None, 15)
    assert refund_split(line, 2, 0, 2) == Split(14700, 12495, 2205)
    first, second = refund_split(line, 2, 0, 1), refund_split(line, 2, 1, 1)
    assert first.amount + second.amount == 14700 and first.vendor_amount + second.vendor_amount == 12495


def test_weighed_harga_setor_counts_grams_against_price_per_kg():
    assert split_line(180000, 1500, "weight", "harga_setor", 100000, None) == Split(180000, 150000, 30000)


def test_a_negative_balance_is_never_paid():
    assert payable(-12495) == 0 and payable(500) == 500


@given(st.lists(st.integers(0, 10**8), min_size=1, max_size=30), st.data())
def test_spread_shares_add_up_and_never_exceed_a_line(totals, data):
    discount = data.draw(st.integers(0, sum(totals)))
    shares = spread_discount(totals, discount)
    assert sum(shares) == discount
    assert all(0 <= share <= total for share, total in zip(shares, totals))


@given(st.integers(0, 10**9), st.integers(1, 1000), st.sampled_from(["commission", "harga_setor"]),
       st.integers(0, 100), st.integers(0, 10**6), st.data())
def test_refunds_in_any_steps_give_back_exactly_the_line(net, quantity, terms, pct, setor, data):
    line = split_line(net, quantity, "unit", terms, setor, pct)
    assert line.vendor_amount + line.commission == line.amount == net
    done, amount, vendor = 0, 0, 0
    while done < quantity:
        step = data.draw(st.integers(1, quantity - done))
        piece = refund_split(line, quantity, done, step)
        assert piece.vendor_amount + piece.commission == piece.amount
        amount, vendor, done = amount + piece.amount, vendor + piece.vendor_amount, done + step
    assert (amount, vendor) == (line.amount, line.vendor_amount)


def test_portion_of_negative_totals_mirrors_positive():
    assert portion(-10, 1, 3) == -portion(10, 1, 3)
