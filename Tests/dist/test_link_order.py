"""scripts/make-link-order.py: which names the release link's order file gets, and in what order.

Run: python3 -m unittest Tests/dist/test_link_order.py (Tests/dist/run.sh runs it too).
"""
import importlib.util
import unittest
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make-link-order.py"
spec = importlib.util.spec_from_file_location("make_link_order", SCRIPT)
make_link_order = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_link_order)

TEXT = (".text", 0x1000, 0x2000)
BSS = (".bss", 0x5000, 0x6000)
TABLE = sorted([
    (0x1000, 0x10, "cold"),
    (0x1010, 0x20, "main"),
    (0x1030, 0x08, "helper"),
    (0x1040, 0x10, "$s4Demo5ValueVMn"),
    (0x5000, 0x08, "token"),
    (0x5008, 0x08, "cache"),
])


class OrderedSymbolsTests(unittest.TestCase):
    def order(self, touched, ranges=(TEXT, BSS)):
        return make_link_order.ordered_symbols(touched, list(ranges), TABLE)

    def test_first_touch_order_each_name_once(self):
        touched = [0x1031, 0x1010, 0x1032, 0x1018, 0x1041]
        self.assertEqual(self.order(touched), ["helper", "main", "$s4Demo5ValueVMn"])

    def test_code_before_data_whatever_the_run_touched_first(self):
        touched = [0x5008, 0x1010, 0x5000]
        self.assertEqual(self.order(touched), ["main", "cache", "token"])

    def test_gaps_and_other_sections_name_nothing(self):
        # 0x1038..0x103f is padding between symbols; 0x3000 is in no ordered section;
        # 0x0800 is before every symbol.
        touched = [0x1038, 0x3000, 0x0800, 0x1050]
        self.assertEqual(self.order(touched), [])

    def test_a_symbol_is_only_named_inside_its_section(self):
        self.assertEqual(self.order([0x5000, 0x1000], ranges=(BSS,)), ["token"])

    def test_nothing_touched(self):
        self.assertEqual(self.order([]), [])


if __name__ == "__main__":
    unittest.main()
