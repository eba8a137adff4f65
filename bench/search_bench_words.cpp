// Hand-written word lists for the search benchmark's generator: common English words roughly
// in order of frequency, security vocabulary in both languages, product names, sources and tags.
// Written for this benchmark; the long tail of each vocabulary is built in search_bench_vocab.cpp.
#include "search_bench_vocab.hpp"

namespace dossier::bench {
namespace {

// Roughly in descending frequency, as in general English text.
constexpr const char* k_en_common =
    "the of and to a in is that for it as was with be by on not he this are or his from at which but have "
    "an they you were her she there been one all we their has would when if so no will more can who its "
    "into than them only other new some could these two may then do first any my now such like our over "
    "also did most made after what many before must through back years where much your way well down "
    "should because each just those how too little good very make world still own see men work long here "
    "get both between life being under never day same another know while last might us great old year "
    "off come since against go came right used take three himself few house use during without again "
    "place around however home small found thought went say part once general high upon school every "
    "does got united left number course war until always away something fact though water less public "
    "put think almost hand enough far took head yet government system better set told nothing night end "
    "why called eyes find going look asked later knew point next program city business give group toward "
    "young days let room president side social given present several order national possible rather "
    "second face per among form important often things looked early white case become large big need "
    "four within felt along children saw best ever least power development light thing seemed family "
    "interest want members mind country area others done turned although open help sense means whole "
    "matter perhaps itself times law human line above name example action company hands local show "
    "whether five history gave today either act across taken past quite anyone seen having death "
    "experience body word half really week field words already information tell together shall money "
    "period held keep sure probably free seems political real behind cannot question office making "
    "brought whose special heard major problems ago became federal moment study available known result "
    "street economic position reason change south board individual job society areas west close turn "
    "community true court force full seem future age center control common policy necessary following "
    "front sometimes six clear further land run provide feel party able level short morning total "
    "outside rate figure class century north usually leave therefore evidence percent according report "
    "reported statement said says told spokesperson added noted confirmed announced released published "
    "week month monday tuesday wednesday thursday friday weekend recent recently earlier latest";

// Security news vocabulary (single words).
constexpr const char* k_en_security =
    "security vulnerability vulnerabilities attack attacks attackers attacker exploit exploited "
    "exploitation malware ransomware phishing breach patch patched update updates researchers threat "
    "actors campaign botnet backdoor payload credentials password passwords authentication bypass "
    "privilege escalation injection overflow buffer heap memory corruption kernel firmware router "
    "server servers cloud endpoint network traffic domain dns certificate encryption decryption ransom "
    "extortion leak leaked stolen data customers hackers hacker cybersecurity cyber espionage "
    "nation-state apt trojan worm spyware stealer infostealer loader dropper infrastructure advisory "
    "disclosed disclosure bounty poc critical severity cvss score flaw flaws bug bugs fix fixed "
    "mitigation workaround vendor vendors affected versions version users organizations agencies cisa "
    "fbi nsa sandbox browser extension plugin library package npm pypi repository github dependency "
    "compromise compromised intrusion incident response forensics detection edr antivirus signature "
    "indicators ioc hash sample samples analysis reverse engineering obfuscation persistence lateral "
    "movement exfiltration ddos spoofing impersonation smishing vishing deepfake llm prompt jailbreak "
    "token session cookie oauth sso mfa otp sim swapping wallet cryptocurrency bitcoin enforcement "
    "arrested seized takedown operation sanctions regulator gdpr compliance privacy surveillance "
    "tracking telemetry iot ics scada healthcare hospital bank financial telecom energy ministry "
    "military defense scanner scanning misconfiguration exposed database bucket insider fraud scam "
    "scammers lure decoy implant rootkit bootkit keylogger wiper cryptominer proxy vpn gateway "
    "appliance hypervisor container sandboxing hardening baseline audit logging alert alerts siem "
    "soc analysts hunting honeypot sinkhole disrupted dismantled indicted extradited affiliate "
    "affiliates negotiator leak-site victims victim breached outage disruption downtime recovery "
    "backup backups restore insurance claims";

// Multi-word security phrases; each is one vocabulary entry, so phrase queries find them.
constexpr const char* k_en_phrases =
    "remote code execution,supply chain attack,proof of concept,zero-day vulnerability,"
    "privilege escalation flaw,denial of service,command and control,threat actors,data breach,"
    "patch tuesday,out-of-bounds write,sql injection,cross-site scripting,use-after-free,"
    "multi-factor authentication,initial access broker,business email compromise,"
    "critical infrastructure,security update,actively exploited,known exploited vulnerabilities";

constexpr const char* k_zh_function =
    "的 了 在 是 和 与 对 等 中 为 将 被 也 并 已 从 向 该 这 其 及 或 一个 我们 他们 可以 进行 通过 已经 "
    "目前 其中 以及 如果 因为 所以 但是 此外 表示 发现 相关 用户 公司 系统 网络 信息 技术 问题 需要 可能 "
    "没有 就是 这些 一些 之后 同时 主要 方面 情况 工作 发展 国家 企业 提供 使用 部分 能够 时间 今年 近日 "
    "据悉 报道 指出 认为 显示 称 上 下 个 多 不 有 会 年 月 日";

constexpr const char* k_zh_security =
    "漏洞 安全 攻击 数据 勒索 勒索软件 泄露 补丁 恶意软件 供应链 零日 零日漏洞 黑客 攻击者 钓鱼 钓鱼邮件 "
    "木马 后门 僵尸网络 挖矿 加密 解密 赎金 窃取 凭证 密码 身份验证 绕过 提权 权限提升 远程代码执行 "
    "命令执行 注入 缓冲区溢出 内存破坏 越界写入 释放后重用 拒绝服务 分布式拒绝服务 威胁 威胁情报 "
    "威胁行为者 组织 活动 样本 分析 研究人员 安全研究人员 厂商 修复 更新 版本 影响 受影响 风险 高危 严重 "
    "评分 披露 公告 预警 通报 监管 合规 个人信息 隐私 数据泄露 数据安全 网络安全 信息安全 云安全 终端 "
    "服务器 浏览器 插件 开源 组件 依赖 代码 仓库 固件 路由器 物联网 工控 工业控制系统 关键基础设施 医疗 "
    "金融 银行 政府 部门 公安 警方 逮捕 起诉 罚款 处罚 法规 等级保护 应急响应 溯源 取证 入侵 渗透测试 "
    "红队 蓝队 攻防演练 态势感知 防火墙 杀毒软件 沙箱 蜜罐 人工智能 大模型 深度伪造 诈骗 电信诈骗 暗网 "
    "黑产 地下市场 加密货币 比特币 钱包 交易所 间谍软件 间谍活动 高级持续性威胁 邮件 短信 移动应用 安卓 "
    "恶意代码 混淆 持久化 横向移动 数据外泄 命令与控制 域名 证书 流量 检测 防护 拦截 缓解措施 临时方案 "
    "利用 利用代码 概念验证 在野利用 安全公告 安全更新 紧急更新 微软 谷歌 苹果 思科 华为 阿里云 腾讯";

constexpr const char* k_products =
    "Notepad++ FortiOS .NET C# Log4j2 Exchange Chrome Windows Linux Struts NetScaler Ivanti MOVEit "
    "Confluence OpenSSH WordPress Jenkins GitLab iOS Android ESXi PAN-OS SonicWall C++ Node.js "
    "Kubernetes Docker Outlook SharePoint Firefox Safari WinRAR 7-Zip OpenSSL Redis Nginx Tomcat "
    "Zimbra FortiGate vCenter";

constexpr const char* k_zh_sources =
    "freebuf anquanke 4hou secrss aqniu qianxin-ti 360-cert nsfocus sangfor hackernews-cn cnvd "
    "cert-cn tencent-security aliyun-security huawei-psirt";
constexpr const char* k_en_sources =
    "bleepingcomputer thehackernews securityweek darkreading krebsonsecurity therecord arstechnica "
    "theregister helpnetsecurity infosecurity-magazine cisa msrc googleblog-security talos unit42";

constexpr const char* k_tags =
    "vulnerability ransomware data-breach malware apt phishing patch zero-day supply-chain cloud "
    "policy privacy botnet iot ics mobile crypto ai 漏洞 勒索软件 数据泄露 恶意软件 网络攻击 威胁情报";

/// The words of `text` split at `sep` (runs of `sep` count as one).
std::vector<std::string> split_list(const char* text, char sep = ' ') {
    std::vector<std::string> out;
    std::string cur;
    for (const char* p = text;; ++p) {
        if (*p == sep || *p == '\0') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
            if (*p == '\0') break;
        } else {
            cur.push_back(*p);
        }
    }
    return out;
}

}  // namespace

WordLists word_lists() {
    WordLists w;
    w.en_common = split_list(k_en_common);
    w.en_security = split_list(k_en_security);
    w.en_phrases = split_list(k_en_phrases, ',');
    w.zh_function = split_list(k_zh_function);
    w.zh_security = split_list(k_zh_security);
    w.products = split_list(k_products);
    w.zh_sources = split_list(k_zh_sources);
    w.en_sources = split_list(k_en_sources);
    w.tags = split_list(k_tags);
    return w;
}

}  // namespace dossier::bench
