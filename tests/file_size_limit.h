#pragma once

// A full disk, simulated: while a FileSizeLimit lives, this process cannot write a file beyond `bytes`
// (RLIMIT_FSIZE; writes past it fail with EFBIG, "File too large", and SIGXFSZ is ignored). Works as root,
// where read-only folders would not stop a write.

#include <sys/resource.h>

#include <csignal>

namespace attnlab::test {

class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_saved);
        m_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit tiny = m_saved;
        tiny.rlim_cur = bytes;
        m_active = setrlimit(RLIMIT_FSIZE, &tiny) == 0;
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_handler);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

    bool active() const { return m_active; }

private:
    rlimit m_saved{};
    void (*m_handler)(int) = SIG_DFL;
    bool m_active = false;
};

} // namespace attnlab::test
