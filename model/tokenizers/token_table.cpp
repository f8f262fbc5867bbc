#include "model/tokenizers/token_table.h"

#include <algorithm>
#include <cstring>

namespace attnlab::model {

namespace {

// FNV-1a over UTF-16 units, continued across the two halves of a joined token, then mixed (the slot index
// takes low bits, the stored tag the high ones).
std::uint64_t tokenHash(QStringView left, QStringView right)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (const QStringView part : {left, right})
        for (const QChar c : part)
            h = (h ^ c.unicode()) * 0x100000001b3ull;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 32);
}

} // namespace

void TokenTable::reserve(size_t tokens, size_t units)
{
    m_entries.reserve(tokens);
    m_units.reserve(units);
    size_t slotCount = 16;
    while (slotCount < 2 * tokens)
        slotCount *= 2;
    if (slotCount > m_slots.size()) {
        m_slots.assign(slotCount, 0);
        for (std::uint32_t i = 0; i < m_entries.size(); ++i) {
            const Entry& e = m_entries[i];
            const QStringView token(m_units.data() + e.offset, qsizetype(e.length));
            const std::uint64_t hash = tokenHash(token, {});
            m_slots[slotOf(hash, token, {})] = (hash & 0xFFFFFFFF00000000ull) | (i + 1);
        }
    }
}

void TokenTable::grow()
{
    reserve(std::max<size_t>(16, m_entries.size() * 2), m_units.size());
}

size_t TokenTable::slotOf(std::uint64_t hash, QStringView left, QStringView right) const
{
    const size_t mask = m_slots.size() - 1;
    const std::uint64_t tag = hash & 0xFFFFFFFF00000000ull;
    const size_t length = size_t(left.size() + right.size());
    for (size_t s = size_t(hash) & mask;; s = (s + 1) & mask) {
        const std::uint64_t slot = m_slots[s];
        if (slot == 0) return s;
        if ((slot & 0xFFFFFFFF00000000ull) != tag) continue;
        const Entry& e = m_entries[(slot & 0xFFFFFFFFull) - 1];
        if (e.length != length) continue;
        const char16_t* units = m_units.data() + e.offset;
        // An empty view may hold a null pointer, which memcmp must never see, even for 0 bytes.
        const auto matches = [](const char16_t* at, QStringView part) {
            return part.isEmpty() || std::memcmp(at, part.utf16(), size_t(part.size()) * 2) == 0;
        };
        if (matches(units, left) && matches(units + left.size(), right))
            return s;
    }
}

void TokenTable::insert(QStringView token, int id)
{
    if (2 * (m_entries.size() + 1) > m_slots.size()) grow();
    const std::uint64_t hash = tokenHash(token, {});
    const size_t s = slotOf(hash, token, {});
    if (m_slots[s] != 0) {
        m_entries[(m_slots[s] & 0xFFFFFFFFull) - 1].id = id;
        return;
    }
    const auto offset = std::uint32_t(m_units.size());
    m_units.insert(m_units.end(), token.utf16(), token.utf16() + token.size());
    m_entries.push_back({offset, std::uint32_t(token.size()), id});
    m_slots[s] = (hash & 0xFFFFFFFF00000000ull) | std::uint32_t(m_entries.size());
}

void TokenTable::finish()
{
    m_byId.clear();
    m_byId.reserve(m_entries.size());
    for (std::uint32_t i = 0; i < m_entries.size(); ++i)
        m_byId.emplace_back(m_entries[i].id, i);
    // Equal ids keep their insertion order, so that text() can take the last.
    std::stable_sort(m_byId.begin(), m_byId.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
}

int TokenTable::id(QStringView token) const
{
    return idOfJoined(token, {});
}

int TokenTable::idOfJoined(QStringView left, QStringView right) const
{
    if (m_slots.empty()) return -1;
    const std::uint64_t slot = m_slots[slotOf(tokenHash(left, right), left, right)];
    return slot == 0 ? -1 : m_entries[(slot & 0xFFFFFFFFull) - 1].id;
}

std::optional<QStringView> TokenTable::text(int id) const
{
    auto it = std::upper_bound(m_byId.begin(), m_byId.end(), id,
                               [](int value, const auto& e) { return value < e.first; });
    if (it == m_byId.begin() || (it - 1)->first != id) return std::nullopt;
    const Entry& e = m_entries[(it - 1)->second];
    return QStringView(m_units.data() + e.offset, qsizetype(e.length));
}

} // namespace attnlab::model
