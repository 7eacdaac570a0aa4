// The page's words in Chinese (the default) and English; the choice is kept in the browser.
export const WORDS = {
  zh: {
    title: "qlm 工作台", save: "保存", reload: "重新载入", compare: "比较", keep: "保留我的修改", plans: "计划文件",
    create: "新建", rename: "重命名", drop: "将 .txt、.md 或 .docx 文档拖到页面上即可导入为新计划",
    importReport: "导入报告", problems: "问题", tasks: "任务分工表", raci: "RACI 矩阵", units: "责任清单",
    org: "组织关系图", responsibility: "责任分工图", section: "章节", unit: "单位", role: "角色", any: "全部",
    download: "下载", downloadAll: "下载全部（XLSX）", compareTitle: "磁盘上的版本（左）与页面中的版本（右）",
    close: "关闭", saved: "已保存", saving: "正在保存…", checking: "正在检查…", noProblems: "没有问题",
    newName: "新计划的文件名（如 方案.qlm）：", renameTo: "重命名为：", rule: "规则说明", unreadable: "计划暂时无法读取",
    colon: "：",
    imported: (a) => `已导入 ${a.tasks} 项任务（${a.assigned} 项有分工），${a.units} 个单位；${a.problems.length} 处分工未能识别`,
    conflict: "此文件打开后已在磁盘上被修改（另一个标签页或编辑器）。可重新载入磁盘上的版本，或比较两者；不会自动覆盖。",
    kept: "将保留页面中的版本：再次保存即覆盖磁盘上的版本。", downloaded: (name) => `已下载 ${name}`,
    fix: "快速修复", other: "English", discard: "当前计划有未保存的修改，确定放弃并打开另一个文件吗？",
    compareSummary: (n) => n ? `${n} 行不同（− 仅磁盘上有，+ 仅页面中有，~ 已修改）` : "两个版本相同",
    folded: (n) => `…… ${n} 行相同 ……`,
  },
  en: {
    title: "qlm workbench", save: "Save", reload: "Reload", compare: "Compare", keep: "Keep mine", plans: "Plans",
    create: "New", rename: "Rename", drop: "Drop a .txt, .md or .docx document on the page to import it as a new plan",
    importReport: "Import report", problems: "Problems", tasks: "Task table", raci: "RACI matrix", units: "Duty lists",
    org: "Org chart", responsibility: "Responsibility diagram", section: "Section", unit: "Unit", role: "Role", any: "any",
    download: "Download", downloadAll: "Download all (XLSX)", compareTitle: "On disk (left) and on the page (right)",
    close: "Close", saved: "saved", saving: "saving…", checking: "checking…", noProblems: "no problems",
    newName: "File name of the new plan (e.g. plan.qlm):", renameTo: "Rename to:", rule: "rule", unreadable: "the plan does not read yet",
    colon: ": ",
    imported: (a) => `imported ${a.tasks} tasks (${a.assigned} assigned) and ${a.units} units; ${a.problems.length} passages not understood`,
    conflict: "This file changed on disk since it was opened (another tab or editor). Reload the disk version or compare them; nothing is overwritten.",
    kept: "The page's version is kept: saving again replaces the disk version.", downloaded: (name) => `downloaded ${name}`,
    fix: "Quick fix", other: "中文", discard: "This plan has unsaved changes: discard them and open another file?",
    compareSummary: (n) => n ? `${n} lines differ (− only on disk, + only on the page, ~ changed)` : "the two versions are the same",
    folded: (n) => `… ${n} equal lines …`,
  },
};

export let lang = localStorage.getItem("qlm-lang") || "zh";

export function t(key, ...args) {
  const word = WORDS[lang][key];
  return typeof word === "function" ? word(...args) : word;
}

export function setLanguage(next) {
  lang = next;
  localStorage.setItem("qlm-lang", next);
  document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
  for (const element of document.querySelectorAll("[data-i18n]")) element.textContent = t(element.dataset.i18n);
  document.getElementById("lang").textContent = t("other");
  document.title = t("title");
}

export function say(error) {
  return error && error.body && error.body.error ? error.body.error[lang] : String(error && error.message || error);
}
