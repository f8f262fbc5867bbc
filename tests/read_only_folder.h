#pragma once

// A read-only folder, made so for this thread while a ReadOnlyFolder lives: its mode becomes 0555, and when the
// tests run as root (who writes into read-only folders: CAP_DAC_OVERRIDE) the thread's effective capabilities
// lose the overrides of file permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER), as an ordinary
// user's process has none; both come back at the end. Capabilities are per thread on Linux, so writes must
// happen on the thread that made the folder read-only. active() says whether creating a file there is really
// refused (it tries); a test skips with that reason otherwise.

#include <QFile>
#include <QString>

#include <fcntl.h>
#include <linux/capability.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace attnlab::test {

class ReadOnlyFolder {
public:
    explicit ReadOnlyFolder(const QString& path) : m_path(QFile::encodeName(path))
    {
        struct stat st{};
        if (::stat(m_path.constData(), &st) != 0) return;
        m_mode = st.st_mode & 07777;
        if (::chmod(m_path.constData(), 0555) != 0) return;
        m_chmodded = true;
        if (::geteuid() == 0 && capget(m_saved)) {
            __user_cap_data_struct lowered[2] = {m_saved[0], m_saved[1]};
            lowered[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH) | (1u << CAP_FOWNER));
            m_lowered = capset(lowered);
        }
        // The proof: a file cannot be created there.
        const QByteArray probe = m_path + "/.read-only-probe";
        const int fd = ::open(probe.constData(), O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd >= 0) {
            ::close(fd);
            ::unlink(probe.constData());
        } else {
            m_active = true;
        }
    }
    ~ReadOnlyFolder()
    {
        if (m_lowered) capset(m_saved);
        if (m_chmodded) ::chmod(m_path.constData(), m_mode);
    }
    ReadOnlyFolder(const ReadOnlyFolder&) = delete;
    ReadOnlyFolder& operator=(const ReadOnlyFolder&) = delete;

    bool active() const { return m_active; }
    // Why active() is false, for QSKIP.
    const char* why() const
    {
        return ::geteuid() == 0 ? "running as root, and the capability to write anywhere could not be dropped"
                                : "the folder could not be made read-only";
    }

private:
    static bool capget(__user_cap_data_struct (&data)[2])
    {
        __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
        return ::syscall(SYS_capget, &header, data) == 0;
    }
    static bool capset(const __user_cap_data_struct (&data)[2])
    {
        __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
        return ::syscall(SYS_capset, &header, data) == 0;
    }

    QByteArray m_path;
    mode_t m_mode = 0755;
    bool m_chmodded = false;
    __user_cap_data_struct m_saved[2]{};
    bool m_lowered = false;
    bool m_active = false;
};

} // namespace attnlab::test
