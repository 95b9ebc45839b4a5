"""Messages of kexie monitor (zh, en)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "monitor.started": (
        "正在监视 {root} 的文件变动；其他 kexie 命令将向本进程询问台账是否变动（按 Ctrl+C 停止）",
        "watching {root} for changes; other kexie commands ask this process whether the registry changed (Ctrl+C stops)",
    ),
    "monitor.stopped": ("已停止监视", "stopped watching"),
    "monitor.unavailable": (
        "kexie monitor 只能在 Linux 上运行（需要 inotify）；其他系统上各命令照常逐个查看文件",
        "kexie monitor runs on Linux only (it needs inotify); elsewhere every command looks at the files itself",
    ),
    "monitor.network": (
        "{root} 在网络或共享文件系统（{fs}）上：其他电脑的修改本机看不到，不能监视；各命令照常逐个查看文件",
        "{root} is on a network or shared file system ({fs}): changes made by other computers are not seen here, "
        "so it cannot be watched; commands look at the files themselves",
    ),
    "monitor.running": ("{root} 已有一个 kexie monitor 在运行", "a kexie monitor already runs for {root}"),
    "monitor.cannot_watch": (
        "无法监视 {root}：{detail}（可能需要调高 fs.inotify.max_user_watches）",
        "cannot watch {root}: {detail} (fs.inotify.max_user_watches may need raising)",
    ),
    "monitor.root_gone": (
        "{root} 已被移走或删除，或其中的文件夹超出了 inotify 的监视数量上限（fs.inotify.max_user_watches），监视停止；"
        "各命令照常逐个查看文件",
        "{root} was moved or removed, or a folder in it could not be watched (fs.inotify.max_user_watches), so the "
        "watch stopped; commands look at the files themselves again",
    ),
}
