#include "scenario/expr/random.h"

#include "scenario/expr/error.h"
#include "scenario/expr/int_math.h"

#include <QCryptographicHash>

namespace loopscope::expr {

namespace {

constexpr std::size_t N = 624;
constexpr std::size_t M = 397;

// The 32-bit words of a non-negative int given by its big-endian bytes, low word first: the
// key CPython's random_seed passes to init_by_array (one zero word for 0).
std::vector<std::uint32_t> keyFromBigEndian(const QByteArray &bytes)
{
    std::vector<std::uint32_t> key;
    for (qsizetype end = bytes.size(); end > 0; end -= 4) {
        std::uint32_t word = 0;
        for (qsizetype i = std::max<qsizetype>(0, end - 4); i < end; ++i)
            word = (word << 8) | std::uint8_t(bytes[i]);
        key.push_back(word);
    }
    while (key.size() > 1 && key.back() == 0)
        key.pop_back();
    if (key.empty())
        key.push_back(0);
    return key;
}

} // namespace

void Random::initGenrand(std::uint32_t s)
{
    m_state[0] = s;
    for (std::size_t i = 1; i < N; ++i)
        m_state[i] = 1812433253U * (m_state[i - 1] ^ (m_state[i - 1] >> 30)) + std::uint32_t(i);
    m_index = N;
}

void Random::initByArray(const std::vector<std::uint32_t> &key)
{
    initGenrand(19650218U);
    std::size_t i = 1, j = 0;
    for (std::size_t k = std::max(N, key.size()); k > 0; --k) {
        m_state[i] = (m_state[i] ^ ((m_state[i - 1] ^ (m_state[i - 1] >> 30)) * 1664525U)) + key[j]
                     + std::uint32_t(j);
        ++i, ++j;
        if (i >= N) {
            m_state[0] = m_state[N - 1];
            i = 1;
        }
        if (j >= key.size())
            j = 0;
    }
    for (std::size_t k = N - 1; k > 0; --k) {
        m_state[i] = (m_state[i] ^ ((m_state[i - 1] ^ (m_state[i - 1] >> 30)) * 1566083941U))
                     - std::uint32_t(i);
        ++i;
        if (i >= N) {
            m_state[0] = m_state[N - 1];
            i = 1;
        }
    }
    m_state[0] = 0x80000000U;
    m_index = N;
}

std::uint32_t Random::next()
{
    static constexpr std::uint32_t mag01[2] = {0, 0x9908b0dfU};
    if (m_index >= N) {
        std::size_t k = 0;
        auto twist = [&](std::size_t a, std::size_t b, std::size_t c) {
            const std::uint32_t y = (m_state[a] & 0x80000000U) | (m_state[b] & 0x7fffffffU);
            m_state[a] = m_state[c] ^ (y >> 1) ^ mag01[y & 1];
        };
        for (; k < N - M; ++k)
            twist(k, k + 1, k + M);
        for (; k < N - 1; ++k)
            twist(k, k + 1, k + M - N);
        twist(N - 1, 0, M - 1);
        m_index = 0;
    }
    std::uint32_t y = m_state[m_index++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= y >> 18;
    return y;
}

void Random::seed(qint64 value)
{
    quint64 magnitude = value < 0 ? quint64(0) - quint64(value) : quint64(value);
    std::vector<std::uint32_t> key{std::uint32_t(magnitude)};
    if (magnitude >> 32)
        key.push_back(std::uint32_t(magnitude >> 32));
    initByArray(key);
}

void Random::seed(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    initByArray(
        keyFromBigEndian(utf8 + QCryptographicHash::hash(utf8, QCryptographicHash::Sha512)));
}

double Random::random()
{
    const std::uint32_t a = next() >> 5, b = next() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

quint64 Random::getrandbits(int bits)
{
    if (bits <= 0)
        return 0;
    if (bits <= 32)
        return next() >> (32 - bits);
    const quint64 low = next();
    const quint64 high = next() >> (64 - bits);
    return low | (high << 32);
}

qint64 Random::randbelow(qint64 n)
{
    const int bits = 64 - __builtin_clzll(quint64(n));
    quint64 r = getrandbits(bits);
    while (r >= quint64(n))
        r = getrandbits(bits);
    return qint64(r);
}

qint64 Random::randrange(qint64 start, qint64 stop)
{
    const Int128 width = Int128(stop) - start;
    if (width <= 0)
        raise("ValueError",
              QStringLiteral("empty range in randrange(%1, %2)").arg(start).arg(stop));
    if (width > Int128(std::numeric_limits<qint64>::max()))
        raiseIntOverflow();
    return start + randbelow(qint64(width));
}

} // namespace loopscope::expr
