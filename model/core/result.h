#pragma once

// A value or an error message, for everything that reads input it does not control; Result<void> when
// there is no value, only success or an error. [[nodiscard]]: a result is checked, or dropped with a cast to
// void and a comment saying why.
// (std::expected is C++23; the toolchains we target ship C++20.)

#include <QString>

#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>

namespace attnlab::model {

template <typename T>
class [[nodiscard]] Result {
public:
    // `return value;` is a success, except where a message converts to T (Result<QString>): there
    // `return message;` would read as a failure but be a success, so the value must be named with success().
    explicit(std::is_convertible_v<const QString&, T>) Result(T value) : m_value(std::move(value)) {}
    static Result success(T value) { return Result(std::move(value)); }
    static Result failure(QString error)
    {
        Result r;
        r.m_error = std::move(error);
        return r;
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const T& value() const&
    {
        assert(ok());
        return *m_value;
    }
    T& value() &
    {
        assert(ok());
        return *m_value;
    }
    T&& value() &&
    {
        assert(ok());
        return std::move(*m_value);
    }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

    const QString& error() const { return m_error; }

private:
    Result() = default;
    std::optional<T> m_value;
    QString m_error;
};

// Success, or an error message: for checks and writes that produce nothing.
template <>
class [[nodiscard]] Result<void> {
public:
    static Result success() { return Result(); }
    static Result failure(QString error)
    {
        Result r;
        r.m_ok = false;
        r.m_error = std::move(error);
        return r;
    }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return ok(); }
    const QString& error() const { return m_error; }

private:
    Result() = default;
    bool m_ok = true;
    QString m_error;
};

} // namespace attnlab::model
