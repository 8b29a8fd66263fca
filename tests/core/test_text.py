import unicodedata

from theodoi.core.text import fold, search_terms


def test_folding_removes_diacritics_and_folds_d():
    assert fold("Lâm Đồng") == "lam dong"
    assert fold("Sở Văn hóa, Thể thao và Du lịch") == "so van hoa, the thao va du lich"
    assert fold("  ĐẠ  TẺH ") == "da teh"
    assert fold(None) == ""


def test_composed_and_decomposed_forms_fold_alike():
    text = "Thành phố Bảo Lộc"
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


def test_a_query_splits_into_folded_terms():
    assert search_terms("Lâm  ĐỒNG") == ["lam", "dong"]
