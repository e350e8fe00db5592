//! Signals: when to stop (Ctrl-C, SIGTERM) and when to reload the corpus (SIGHUP). The one
//! place that listens to the operating system; everything else is handed a future.

/// Why fathom is stopping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Ctrl-C (SIGINT).
    Interrupt,
    /// SIGTERM: a service manager, `kill`.
    Terminate,
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn requested() -> Stop {
    let ctrl_c = async {
        match tokio::signal::ctrl_c().await {
            Ok(()) => Stop::Interrupt,
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
                Stop::Terminate
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<Stop>();
    tokio::select! {
        stop = ctrl_c => stop,
        stop = term => stop,
    }
}

/// A stream of SIGHUPs: each asks for the corpus to be reloaded. None where the platform has
/// no SIGHUP.
pub fn hangups() -> Option<tokio::sync::mpsc::Receiver<()>> {
    #[cfg(unix)]
    {
        let mut hup =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok()?;
        let (tx, rx) = tokio::sync::mpsc::channel(1);
        tokio::spawn(async move {
            while hup.recv().await.is_some() {
                // A reload already waiting covers this one too.
                let _ = tx.try_send(());
            }
        });
        Some(rx)
    }
    #[cfg(not(unix))]
    {
        None
    }
}
