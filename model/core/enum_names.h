#pragma once

// The names an enumeration is written with outside the program (command line, session and lesson files, a
// combo box's item data). Each enumeration has one table, declared beside it, that every reader and writer
// uses in both directions, so that a spelling exists once.

#include <QString>
#include <QStringList>
#include <QStringView>

#include <array>
#include <cstddef>
#include <optional>

namespace attnlab::model {

template <typename E>
struct EnumName {
    E value;
    const char* name; // ASCII
};

// value -> its name in table; empty when the table does not name it.
template <typename E, std::size_t N>
QString enumName(const std::array<EnumName<E>, N>& table, E value)
{
    for (const EnumName<E>& entry : table)
        if (entry.value == value) return QLatin1String(entry.name);
    return {};
}

// A name exactly as the table writes it -> its value; nullopt for any other text.
template <typename E, std::size_t N>
std::optional<E> enumValue(const std::array<EnumName<E>, N>& table, QStringView name)
{
    for (const EnumName<E>& entry : table)
        if (name == QLatin1String(entry.name)) return entry.value;
    return std::nullopt;
}

// Every name, in table order: what a message lists as accepted.
template <typename E, std::size_t N>
QStringList enumNames(const std::array<EnumName<E>, N>& table)
{
    QStringList names;
    for (const EnumName<E>& entry : table)
        names << QLatin1String(entry.name);
    return names;
}

} // namespace attnlab::model
