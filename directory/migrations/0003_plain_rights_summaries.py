"""The short rights on the printed leaflets, in English and Welsh, in the same plain words as
the rights pages (directory/rights.py, docs/content-style.md). A row someone has already
changed is left as it is. The other languages (machine-made, marked for review) keep their
wording until a reviewer rewords them."""

from django.db import migrations

# language -> [((title before, text before), (title after, text after)) for rights 1..12]
WORDING = {
    "en": [
        (
            (
                "To be able to understand and to be understood",
                "You can get help to understand and be understood, including a free interpreter.",
            ),
            (
                "To understand and be understood",
                "You can get help to understand and be understood. You can get a free interpreter.",
            ),
        ),
        (
            (
                "To have the details of the crime recorded without unjustified delay",
                "The police must record the crime without unjustified delay and tell you they have.",
            ),
            (
                "To have the crime recorded without delay",
                "The police must record the crime without delay, unless there is a good reason. They must tell you they have done it.",
            ),
        ),
        (
            (
                "To be given information when you report the crime",
                "When you report a crime you must be told what happens next and where to get help.",
            ),
            (
                "To be told what you need to know when you report the crime",
                "When you report a crime, you must be told what happens next and where to get help.",
            ),
        ),
        (
            (
                "To be referred to support services and have support that meets your needs",
                "You can be referred to services that support victims, with support that fits you.",
            ),
            (
                "To be put in touch with support that meets your needs",
                "The police can refer you to services that help victims. This means they put you in touch. The support should fit your needs.",
            ),
        ),
        (
            (
                "To be given information about compensation",
                "You must be told how you may be able to get compensation.",
            ),
            (
                "To be told about compensation",
                "You must be told how you might get compensation. This is money for harm or loss that a crime caused you.",
            ),
        ),
        (
            (
                "To be given information about the investigation and prosecution",
                "You must be kept up to date about the investigation and any prosecution.",
            ),
            (
                "To be kept up to date about the police work and any court case",
                "You must be told what is happening while the police look into the crime. You must also be told if someone is taken to court.",
            ),
        ),
        (
            (
                "To make a Victim Personal Statement",
                "You can say in a statement how the crime has affected you.",
            ),
            (
                "To make a Victim Personal Statement",
                "You can say in a statement how the crime has affected you.",
            ),
        ),
        (
            (
                "To be given information about the trial and your role as a witness",
                "You must be told about the trial, how it works and your role as a witness.",
            ),
            (
                "To be told about the trial and your role as a witness",
                "You must be told about the trial, how it works and your role as a witness.",
            ),
        ),
        (
            (
                "To be given information about the offender after a conviction",
                "You must be told about the offender's sentence and any appeal.",
            ),
            (
                "To be told about the offender after they are found guilty",
                "You must be told about the offender's sentence and any appeal.",
            ),
        ),
        (
            (
                "To be paid expenses and have your property returned",
                "You can claim some expenses as a witness and get your property back.",
            ),
            (
                "To be paid expenses and get your property back",
                "You can claim some costs as a witness and get your things back.",
            ),
        ),
        (
            (
                "To be given information about the offender's release",
                "You may be told about the offender's release through the Victim Contact Scheme.",
            ),
            (
                "To be told about the offender's release",
                "You may be told when the offender is let out, through the Victim Contact Scheme.",
            ),
        ),
        (
            (
                "To make a complaint if your rights are not met",
                "You can complain if you do not get your rights.",
            ),
            (
                "To make a complaint if you do not get your rights",
                "You can complain if you do not get your rights.",
            ),
        ),
    ],
    "cy": [
        (
            (
                "Cael deall a chael eich deall",
                "Gallwch gael help i ddeall ac i gael eich deall, gan gynnwys cyfieithydd am ddim.",
            ),
            (
                "Deall a chael eich deall",
                "Gallwch chi gael help i ddeall ac i gael eich deall. Gallwch chi gael cyfieithydd am ddim.",
            ),
        ),
        (
            (
                "Cael cofnodi manylion y drosedd heb oedi diangen",
                "Rhaid i'r heddlu gofnodi'r drosedd heb oedi diangen a dweud wrthych eu bod wedi gwneud hynny.",
            ),
            (
                "Cael cofnodi'r drosedd heb oedi",
                "Rhaid i'r heddlu gofnodi'r drosedd heb oedi, oni bai bod rheswm da. Rhaid iddyn nhw ddweud wrthych chi eu bod wedi gwneud hynny.",
            ),
        ),
        (
            (
                "Cael gwybodaeth pan fyddwch yn rhoi gwybod am y drosedd",
                "Pan fyddwch yn rhoi gwybod am drosedd, rhaid dweud wrthych beth sy'n digwydd nesaf a ble i gael help.",
            ),
            (
                "Cael gwybod beth sydd angen i chi ei wybod pan fyddwch chi'n rhoi gwybod am y drosedd",
                "Pan fyddwch chi'n rhoi gwybod am drosedd, rhaid dweud wrthych chi beth sy'n digwydd nesaf a ble i gael help.",
            ),
        ),
        (
            (
                "Cael eich atgyfeirio at wasanaethau cymorth a chael cymorth sy'n diwallu eich anghenion",
                "Gallwch gael eich atgyfeirio at wasanaethau sy'n cefnogi dioddefwyr, gyda chymorth sy'n addas i chi.",
            ),
            (
                "Cael eich rhoi mewn cysylltiad â chymorth sy'n addas i'ch anghenion",
                "Gall yr heddlu eich atgyfeirio at wasanaethau sy'n helpu dioddefwyr. Mae hyn yn golygu eu bod yn eich rhoi mewn cysylltiad. Dylai'r cymorth fod yn addas i'ch anghenion.",
            ),
        ),
        (
            ("Cael gwybodaeth am iawndal", "Rhaid dweud wrthych sut y gallech gael iawndal."),
            (
                "Cael gwybod am iawndal",
                "Rhaid dweud wrthych chi sut y gallech chi gael iawndal. Arian yw hwn am niwed neu golled a achoswyd i chi gan drosedd.",
            ),
        ),
        (
            (
                "Cael gwybodaeth am yr ymchwiliad a'r erlyniad",
                "Rhaid rhoi'r wybodaeth ddiweddaraf i chi am yr ymchwiliad ac unrhyw erlyniad.",
            ),
            (
                "Cael y newyddion diweddaraf am waith yr heddlu ac unrhyw achos llys",
                "Rhaid dweud wrthych chi beth sy'n digwydd tra bydd yr heddlu'n ymchwilio i'r drosedd. Rhaid dweud wrthych chi hefyd os bydd rhywun yn cael ei gymryd i'r llys.",
            ),
        ),
        (
            (
                "Gwneud Datganiad Personol Dioddefwr",
                "Gallwch ddweud mewn datganiad sut mae'r drosedd wedi effeithio arnoch.",
            ),
            (
                "Gwneud Datganiad Personol Dioddefwr",
                "Gallwch ddweud mewn datganiad sut mae'r drosedd wedi effeithio arnoch.",
            ),
        ),
        (
            (
                "Cael gwybodaeth am yr achos llys a'ch rôl fel tyst",
                "Rhaid dweud wrthych am yr achos llys, sut mae'n gweithio a'ch rôl fel tyst.",
            ),
            (
                "Cael gwybod am yr achos llys a'ch rôl fel tyst",
                "Rhaid dweud wrthych am yr achos llys, sut mae'n gweithio a'ch rôl fel tyst.",
            ),
        ),
        (
            (
                "Cael gwybodaeth am y troseddwr ar ôl euogfarn",
                "Rhaid dweud wrthych am ddedfryd y troseddwr ac unrhyw apêl.",
            ),
            (
                "Cael gwybod am y troseddwr ar ôl iddo gael ei gael yn euog",
                "Rhaid dweud wrthych am ddedfryd y troseddwr ac unrhyw apêl.",
            ),
        ),
        (
            (
                "Cael treuliau a chael eich eiddo yn ôl",
                "Gallwch hawlio rhai treuliau fel tyst a chael eich eiddo yn ôl.",
            ),
            (
                "Cael treuliau a chael eich eiddo yn ôl",
                "Gallwch chi hawlio rhai costau fel tyst a chael eich pethau yn ôl.",
            ),
        ),
        (
            (
                "Cael gwybodaeth am ryddhau'r troseddwr",
                "Efallai y cewch wybod am ryddhau'r troseddwr drwy'r Cynllun Cyswllt â Dioddefwyr.",
            ),
            (
                "Cael gwybod am ryddhau'r troseddwr",
                "Efallai y cewch chi wybod pryd bydd y troseddwr yn cael ei ryddhau, drwy'r Cynllun Cyswllt â Dioddefwyr.",
            ),
        ),
        (
            ("Gwneud cwyn os na chewch eich hawliau", "Gallwch gwyno os na chewch eich hawliau."),
            (
                "Gwneud cwyn os na chewch chi eich hawliau",
                "Gallwch gwyno os na chewch eich hawliau.",
            ),
        ),
    ],
}


def _reword(apps, *, forwards: bool) -> None:
    RightSummary = apps.get_model("directory", "RightSummary")
    for code, rows in WORDING.items():
        for number, (before, after) in enumerate(rows, start=1):
            old, new = (before, after) if forwards else (after, before)
            RightSummary.objects.filter(
                number=number, language__code=code, title=old[0], text=old[1]
            ).update(title=new[0], text=new[1])


def reword(apps, schema_editor):
    _reword(apps, forwards=True)


def reword_back(apps, schema_editor):
    _reword(apps, forwards=False)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_seed_reference_data")]

    operations = [migrations.RunPython(reword, reword_back)]
