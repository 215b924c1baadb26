"""The names the recorder gives the program's objects (waits.Names; run by ctest:
recorder_names, with python/ on PYTHONPATH)."""
import asyncio
import gc
import unittest
import weakref

from loopscope_record import waits


class Names(unittest.TestCase):
    def setUp(self):
        self.loop = asyncio.new_event_loop()
        self.addCleanup(self.loop.close)

    def test_a_named_object_is_not_kept_alive(self):
        # A program awaiting a future per request once kept every one of them alive, named.
        names = waits.Names()
        fut = self.loop.create_future()
        self.assertEqual(names.of(fut), "Future-1")
        self.assertEqual(names.of(fut), "Future-1")
        gone = weakref.ref(fut)
        del fut
        gc.collect()
        self.assertIsNone(gone())

    def test_an_id_used_again_is_another_object_with_its_own_name(self):
        names = waits.Names()
        first = [self.loop.create_future() for _ in range(3)]
        self.assertEqual([names.of(f) for f in first], ["Future-1", "Future-2", "Future-3"])
        del first
        gc.collect()
        # Futures made now may take the ids just freed: each is a new object, a new name.
        later = [self.loop.create_future() for _ in range(3)]
        self.assertEqual([names.of(f) for f in later], ["Future-4", "Future-5", "Future-6"])
        self.assertEqual([names.of(f) for f in later], ["Future-4", "Future-5", "Future-6"])

    def test_an_object_without_weak_references_keeps_its_name(self):
        names = waits.Names()
        key = ("a", "tuple")  # tuples take no weak reference
        self.assertEqual(names.of(key), "tuple-1")
        self.assertEqual(names.of(key), "tuple-1")
        self.assertEqual(names.of(("another",)), "tuple-2")


if __name__ == "__main__":
    unittest.main()
