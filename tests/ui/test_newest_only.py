"""The camera thread hands frames to the UI through a one-value mailbox."""

from workshop_tui.ui.pending import NewestOnly


def test_only_the_newest_value_is_kept_and_only_the_first_put_asks_for_a_message():
    box: NewestOnly[int] = NewestOnly()
    assert box.put(1) is True, "an empty box: the UI must be told"
    assert box.put(2) is False, "a message is already on its way"
    assert box.take() == 2 and box.take() is None
    assert box.put(3) is True
