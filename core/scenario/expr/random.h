// Python's `random` module on a seeded generator: MT19937 seeded as CPython seeds it, so that
// `random.seed(1); random.randint(1, 6)` gives the number CPython gives. Each run owns one.
#pragma once

#include <QString>

#include <array>
#include <cstdint>
#include <vector>

namespace loopscope::expr {

class Random
{
public:
    Random() { seed(0); }
    void seed(qint64 value);        // random.seed(int): the int's 32-bit words, low first
    void seed(const QString &text); // random.seed(str): the text and its SHA-512, as one int

    double random();                             // [0, 1) with 53 random bits
    quint64 getrandbits(int bits);               // bits <= 64
    qint64 randbelow(qint64 n);                  // 0 <= result < n, for n > 0
    qint64 randrange(qint64 start, qint64 stop); // ValueError for an empty range
    qint64 randint(qint64 a, qint64 b) { return randrange(a, b + 1); }
    double uniform(double a, double b) { return a + (b - a) * random(); }

private:
    void initGenrand(std::uint32_t s);
    void initByArray(const std::vector<std::uint32_t> &key);
    std::uint32_t next();

    std::array<std::uint32_t, 624> m_state{};
    std::size_t m_index = 625;
};

} // namespace loopscope::expr
