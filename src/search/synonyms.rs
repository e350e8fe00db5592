//! The words people use for one thing when they state a claim: "unlawful" for "illegal",
//! "locked up" for "arrested", "took out" for "killed". A statement and a claim's wordings are
//! both rewritten to one word per group before they are compared, so a paraphrase matches the
//! claim it paraphrases. Groups are narrow on purpose: "sink" is not "kill" (the restrike
//! claim turns on that difference), and "stop" is not "arrest" (deterrence claims use it).

/// Each group: the word it is rewritten to, then the words and phrases rewritten (lowercased,
/// accent-folded; phrases before the words they contain).
const GROUPS: &[(&str, &[&str])] = &[
    (
        "illegal",
        &[
            "unlawful",
            "unlawfully",
            "illegally",
            "illegitimate",
            "ilegal",
            "ilegales",
            "ilicito",
        ],
    ),
    (
        "legal",
        &[
            "lawful",
            "lawfully",
            "legally",
            "legit",
            "legitimate",
            "justified",
            "allowed",
            "permitted",
            "fair game",
            "licito",
            "legales",
        ],
    ),
    (
        "authorize",
        &[
            "authorise",
            "authorised",
            "authorized",
            "authorization",
            "authorisation",
            "approve",
            "approved",
            "approval",
            "permission",
            "consent",
            "signed off",
            "sign off",
            "green light",
            "greenlit",
            "blessed",
            "cleared",
            "autorizo",
            "autorizacion",
            "aprobo",
        ],
    ),
    (
        "arrest",
        &[
            "arrested",
            "arrests",
            "arresting",
            "detain",
            "detained",
            "locked up",
            "lock up",
            "locked",
            "capture",
            "captured",
            "seize",
            "seized",
            "interdict",
            "interdicted",
            "intercept",
            "intercepted",
            "board",
            "boarded",
            "pulled over",
            "pull over",
            "detener",
            "capturar",
            "arrestar",
        ],
    ),
    (
        "kill",
        &[
            "killed",
            "killing",
            "kills",
            "murder",
            "murdered",
            "murdering",
            "execute",
            "executed",
            "executing",
            "execution",
            "executions",
            "blew up",
            "blow up",
            "blown up",
            "blowing up",
            "took out",
            "take out",
            "taking out",
            "wipe out",
            "wiped out",
            "shoot",
            "shot",
            "shooting",
            "matar",
            "mataron",
            "asesinar",
            "asesinato",
            "ejecuciones",
        ],
    ),
    (
        "strike",
        &[
            "strikes",
            "struck",
            "hit",
            "hitting",
            "hits",
            "bomb",
            "bombed",
            "bombing",
            "airstrike",
            "airstrikes",
            "restrike",
            "ataque",
            "ataques",
            "bombardeo",
            "bombardeos",
        ],
    ),
    (
        "attack",
        &[
            "act of war",
            "invasion",
            "invading",
            "invade",
            "assault",
            "attacked",
            "attacking",
            "attacks",
            "agresion",
        ],
    ),
    (
        "survivor",
        &[
            "survivors",
            "survived",
            "survive",
            "surviving",
            "guys in the water",
            "men in the water",
            "sobrevivientes",
            "sobreviviente",
            "supervivientes",
        ],
    ),
    (
        "fishermen",
        &[
            "fisherman",
            "fishers",
            "fishing",
            "fish",
            "pescadores",
            "pescador",
        ],
    ),
    (
        "terrorist",
        &[
            "terrorists",
            "terror",
            "terrorism",
            "terroristas",
            "terrorista",
        ],
    ),
    (
        "resign",
        &[
            "resigned",
            "quit",
            "quitting",
            "stepped down",
            "step down",
            "retire",
            "retired",
            "retirement",
            "pushed out",
            "renuncio",
            "renuncia",
        ],
    ),
    (
        "order",
        &[
            "ordered",
            "orders",
            "told",
            "command",
            "commanded",
            "directive",
            "ordeno",
            "orden",
        ],
    ),
    (
        "everybody",
        &["everyone", "all of them", "them all", "todos"],
    ),
    (
        "congress",
        &["congressional", "lawmakers", "legislators", "congreso"],
    ),
    (
        "drug",
        &[
            "drugs",
            "narcotics",
            "fentanyl",
            "cocaine",
            "coke",
            "poison",
            "drogas",
            "droga",
            "cocaina",
        ],
    ),
    (
        "boat",
        &[
            "boats",
            "vessel",
            "vessels",
            "ship",
            "ships",
            "go-fast",
            "go fast",
            "speedboat",
            "speedboats",
            "lancha",
            "lanchas",
            "embarcacion",
            "embarcaciones",
        ],
    ),
    (
        "stateless",
        &[
            "unflagged",
            "flagless",
            "no flag",
            "no country claims",
            "no nationality",
            "sin bandera",
        ],
    ),
    (
        "threat",
        &[
            "threats",
            "dangerous",
            "danger",
            "threatening",
            "imminent",
            "menace",
            "amenaza",
            "peligrosos",
        ],
    ),
    ("video", &["footage", "tape", "clip", "videos"]),
    (
        "rescue",
        &[
            "rescued",
            "rescues",
            "rescuing",
            "save",
            "saved",
            "saving",
            "picked up",
            "pick up",
            "rescatar",
            "rescate",
        ],
    ),
    (
        "hide",
        &[
            "hid",
            "hidden",
            "hiding",
            "conceal",
            "concealed",
            "covered up",
            "cover up",
            "kept secret",
            "secret",
            "ocultar",
            "oculto",
        ],
    ),
    (
        "obey",
        &[
            "follow orders",
            "following orders",
            "obeying",
            "obeyed",
            "obedecer",
        ],
    ),
    (
        "deter",
        &[
            "deterrence",
            "deterrent",
            "deters",
            "deterred",
            "working",
            "works",
        ],
    ),
    (
        "radio",
        &[
            "radioing",
            "radioed",
            "calling",
            "signalling",
            "signaling",
            "communicating",
            "called for",
        ],
    ),
    (
        "lawyer",
        &[
            "lawyers",
            "jag",
            "jags",
            "legal review",
            "legal advice",
            "abogados",
        ],
    ),
    (
        "helpless",
        &[
            "defenceless",
            "defenseless",
            "clinging",
            "shipwrecked",
            "indefensos",
        ],
    ),
    (
        "securitycouncil",
        &[
            "security council",
            "un security council",
            "unsc",
            "consejo de seguridad",
        ],
    ),
    ("un", &["united nations", "onu"]),
    // "authority" stems like "authorize": a power held is not an approval given.
    (
        "power",
        &[
            "authority",
            "authorities",
            "powers",
            "say over",
            "jurisdiction",
        ],
    ),
];

/// `text` lowercased and accent-folded, every word or phrase of a group replaced by the group's
/// word.
pub fn normalize(text: &str) -> String {
    // "didn't" → "didnt": one word, which the negation lists know.
    let folded = crate::corpus::fold(&text.to_lowercase()).replace(['\'', '\u{2019}'], "");
    let mut words: Vec<String> = folded
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    for (to, from) in GROUPS {
        for phrase in *from {
            let parts: Vec<&str> = phrase.split(' ').collect();
            replace_phrase(&mut words, &parts, to);
        }
    }
    words.join(" ")
}

/// Replaces every run of `words` equal to `parts` by `to`.
fn replace_phrase(words: &mut Vec<String>, parts: &[&str], to: &str) {
    let n = parts.len();
    let mut i = 0;
    while i + n <= words.len() {
        if words[i..i + n].iter().zip(parts).all(|(w, p)| w == p) {
            words.splice(i..i + n, std::iter::once(to.to_string()));
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paraphrases_meet() {
        assert_eq!(
            normalize("they LOCKED UP everyone"),
            "they arrest everybody"
        );
        assert_eq!(normalize("an unlawful order"), "an illegal order");
        assert_eq!(
            normalize("Hegseth didn\u{2019}t order it"),
            "hegseth didnt order it"
        );
        assert_eq!(normalize("Holsey stepped down"), "holsey resign");
        assert_eq!(
            normalize("every load of fentanyl is an act of war"),
            "every load of drug is an attack"
        );
    }

    #[test]
    fn sinking_is_not_killing() {
        assert_eq!(
            normalize("sink the boat, not kill the men"),
            "sink the boat not kill the men"
        );
    }
}
