#pragma once

// Vocabulary strings <-> ids for vocabularies of hundreds of thousands of tokens (Gemma 3: 262,144, with
// 514,906 merges to resolve while loading). The strings lie one after another in one buffer and an
// open-addressing table of (hash, entry) slots indexes them: a look-up touches a slot, an entry and the
// characters, with no allocation, where QHash<QString, int> costs an allocation per token to build and
// several scattered reads per look-up.

#include <QString>
#include <QStringView>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace attnlab::model {

class TokenTable {
public:
    // Room for `tokens` tokens of `units` UTF-16 units in all.
    void reserve(size_t tokens, size_t units);
    // Adds token -> id; a token added again takes the later id (as QHash::insert).
    void insert(QStringView token, int id);
    // Builds the id -> token index; call once after the last insert, before text().
    void finish();

    // The id of token, or -1.
    int id(QStringView token) const;
    // The id of left + right (a merge's result) without building the string, or -1.
    int idOfJoined(QStringView left, QStringView right) const;
    bool contains(QStringView token) const { return id(token) >= 0; }
    // The token of id (the last one inserted with it), or nothing.
    std::optional<QStringView> text(int id) const;
    size_t size() const { return m_entries.size(); }

private:
    struct Entry {
        std::uint32_t offset, length; // in m_units
        int id;
    };
    // The slot holding token (its entry index + 1 in the low 32 bits), or the empty slot where it would go.
    size_t slotOf(std::uint64_t hash, QStringView left, QStringView right) const;
    void grow();

    std::vector<char16_t> m_units;
    std::vector<Entry> m_entries;
    // 0: empty; else (hash's high 32 bits << 32) | (entry index + 1). Size: a power of two, at most half full.
    std::vector<std::uint64_t> m_slots;
    std::vector<std::pair<int, std::uint32_t>> m_byId; // (id, entry index), sorted by id
};

} // namespace attnlab::model
