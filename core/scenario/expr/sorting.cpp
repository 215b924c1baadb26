// sorted() and list.sort(): CPython 3.12's comparison sequence for a list shorter than 64
// (count_run, then binarysort), used at every length: the order is the same stable order.
#include "scenario/expr/builtins.h"
#include "scenario/expr/error.h"
#include "scenario/expr/operators.h"

#include <algorithm>

namespace loopscope::expr {

namespace {

struct Keyed
{
    Value key;
    Value value;
};

bool lessThan(const Keyed &a, const Keyed &b)
{
    return compare(Op::Lt, a.key, b.key);
}

std::size_t countRun(std::vector<Keyed> &items, bool &descending)
{
    descending = false;
    if (items.size() < 2)
        return items.size();
    std::size_t n = 2;
    if (lessThan(items[1], items[0])) {
        descending = true;
        while (n < items.size() && lessThan(items[n], items[n - 1]))
            ++n;
    } else {
        while (n < items.size() && !lessThan(items[n], items[n - 1]))
            ++n;
    }
    return n;
}

void binarySort(std::vector<Keyed> &items, std::size_t start)
{
    for (; start < items.size(); ++start) {
        std::size_t left = 0, right = start;
        Keyed pivot = items[start];
        do {
            const std::size_t middle = left + ((right - left) >> 1);
            if (lessThan(pivot, items[middle]))
                right = middle;
            else
                left = middle + 1;
        } while (left < right);
        std::move_backward(items.begin() + std::ptrdiff_t(left),
                           items.begin() + std::ptrdiff_t(start),
                           items.begin() + std::ptrdiff_t(start) + 1);
        items[left] = std::move(pivot);
    }
}

} // namespace

void sortValues(Values &items, const Value *key, bool reverse, Scope &scope)
{
    std::vector<Keyed> keyed;
    keyed.reserve(items.size());
    const bool keyed_by_function = key && !key->isNone();
    if (keyed_by_function && key->kind() != Value::Kind::Object)
        raise("TypeError", QStringLiteral("'%1' object is not callable").arg(key->typeName()));
    for (const Value &item : items)
        keyed.push_back({keyed_by_function ? key->object().call({item}, {}, scope) : item, item});
    if (reverse)
        std::reverse(keyed.begin(), keyed.end());
    bool descending = false;
    const std::size_t run = countRun(keyed, descending);
    if (descending)
        std::reverse(keyed.begin(), keyed.begin() + std::ptrdiff_t(run));
    binarySort(keyed, std::max<std::size_t>(run, 1));
    if (reverse)
        std::reverse(keyed.begin(), keyed.end());
    for (std::size_t i = 0; i < items.size(); ++i)
        items[i] = keyed[i].value;
}

} // namespace loopscope::expr
