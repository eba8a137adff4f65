#pragma once
// Result<T>: the return type of every data-path function (DESIGN.md, "Errors").
// A small stand-in for C++23 std::expected<T, Error> with the same member names, so the
// code can move to std::expected when g++ 12 is no longer a target.
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace dossier::core {

/// A failure on the data path. `message` is lower-case and starts with the module
/// ("archive: truncated gzip member at offset 1234: a.warc.gz").
struct Error {
    std::string message;
};

/// Wraps an Error to construct a failed Result (like std::unexpected).
struct Unexpected {
    Error error;
};

/// Returns an Unexpected holding `message`; converts to any failed Result<T>.
inline Unexpected fail(std::string message) { return Unexpected{Error{std::move(message)}}; }

/// Either a value of type T or an Error. Accessing value() of a failed Result is a bug
/// (checked by assertion in debug builds, undefined otherwise, as with std::expected).
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
    Result(Unexpected u) : m_state(std::in_place_index<1>, std::move(u.error)) {}  // NOLINT

    bool has_value() const noexcept { return m_state.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    T& value() & { return std::get<0>(m_state); }
    const T& value() const& { return std::get<0>(m_state); }
    T&& value() && { return std::get<0>(std::move(m_state)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(*this).value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const& { return std::get<1>(m_state); }
    Error&& error() && { return std::get<1>(std::move(m_state)); }

    template <class U>
    T value_or(U&& fallback) const& {
        return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
    }

private:
    std::variant<T, Error> m_state;
};

/// Result of an operation that yields nothing on success.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Unexpected u) : m_failed(true), m_error(std::move(u.error)) {}  // NOLINT

    bool has_value() const noexcept { return !m_failed; }
    explicit operator bool() const noexcept { return has_value(); }
    void value() const noexcept {}
    const Error& error() const& { return m_error; }

private:
    bool m_failed = false;
    Error m_error;
};

}  // namespace dossier::core
